import { beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, newKey, now, record, recordElsewhere, setUpUsageFixtures, type Call, type Scope } from './__fixtures__/usage-rows';
import { integrationsSeen, ipLimitDryRun, keyImpact } from './api-usage';

setUpUsageFixtures();

describe('integrationsSeen and keyImpact', () => {
  let key: Scope;
  let foreign: Scope;

  beforeAll(async () => {
    key = await newKey();
    const zapier = { integrationName: 'Zapier', userAgent: 'Zapier/1.0' };
    const calls: Call[] = [
      { at: daysAgo(5), ip: '10.0.0.5', ...zapier },
      { at: daysAgo(4), ip: '10.0.0.6', ...zapier },
      { at: daysAgo(3), ip: '10.0.0.5', ...zapier },
      { at: daysAgo(2), ip: '192.0.2.7', userAgent: 'curl/8.0' },
      { at: daysAgo(1), ip: '10.0.0.5', ...zapier, outcome: 'validation_failed' },
      { at: daysAgo(0.5), ip: '203.0.113.9', integrationName: 'Scraper', outcome: 'ip_not_allowed' },
      { at: daysAgo(40), ip: '198.51.100.1', userAgent: null },
    ];
    await record(key, calls);
    foreign = await recordElsewhere(key, calls);
  });

  it('groups callers by integration name, user agent and IP, most recently seen first', async () => {
    const seen = await integrationsSeen({ ...key, now });
    expect(seen).toEqual([
      { integrationName: 'Scraper', userAgent: null, ip: '203.0.113.9', firstSeen: daysAgo(0.5), lastSeen: daysAgo(0.5), requests: 1, denied: 1 },
      { integrationName: 'Zapier', userAgent: 'Zapier/1.0', ip: '10.0.0.5', firstSeen: daysAgo(5), lastSeen: daysAgo(1), requests: 3, denied: 1 },
      { integrationName: null, userAgent: 'curl/8.0', ip: '192.0.2.7', firstSeen: daysAgo(2), lastSeen: daysAgo(2), requests: 1, denied: 0 },
      { integrationName: 'Zapier', userAgent: 'Zapier/1.0', ip: '10.0.0.6', firstSeen: daysAgo(4), lastSeen: daysAgo(4), requests: 1, denied: 0 },
      { integrationName: null, userAgent: null, ip: '198.51.100.1', firstSeen: daysAgo(40), lastSeen: daysAgo(40), requests: 1, denied: 0 },
    ]);
    const recent = await integrationsSeen({ ...key, sinceDays: 30, now });
    expect(recent.map((item) => item.ip)).toEqual(['203.0.113.9', '10.0.0.5', '192.0.2.7', '10.0.0.6']);
    expect(await integrationsSeen({ ...foreign, now })).toEqual([]);
  });

  it('counts the callers a key allowed in the window, naming the most recent, told apart where names repeat', async () => {
    expect(await keyImpact({ ...key, now })).toEqual({
      integrations: 3,
      names: ['curl/8.0', 'Zapier (10.0.0.5)', 'Zapier (10.0.0.6)'],
      requests: 4,
    });
    expect(await keyImpact({ ...key, days: 60, now })).toEqual({
      integrations: 4,
      names: ['curl/8.0', 'Zapier (10.0.0.5)', 'Zapier (10.0.0.6)', '198.51.100.1'],
      requests: 5,
    });
    expect(await keyImpact({ ...foreign, now })).toEqual({ integrations: 0, names: [], requests: 0 });
  });

  it('names at most five callers and counts them all', async () => {
    const busy = await newKey();
    await record(
      busy,
      Array.from({ length: 7 }, (_, i) => ({ at: daysAgo(7 - i), ip: `10.1.0.${i}`, integrationName: `Integration ${i}` })),
    );
    expect(await keyImpact({ ...busy, now })).toEqual({
      integrations: 7,
      names: ['Integration 6', 'Integration 5', 'Integration 4', 'Integration 3', 'Integration 2'],
      requests: 7,
    });
  });

  it('reports no impact for a key whose calls were all denied', async () => {
    const refused = await newKey();
    await record(refused, [{ at: daysAgo(1), outcome: 'key_disabled', integrationName: 'Zapier' }]);
    expect(await keyImpact({ ...refused, now })).toEqual({ integrations: 0, names: [], requests: 0 });
  });
});

describe('ipLimitDryRun', () => {
  let key: Scope;
  let foreign: Scope;

  beforeAll(async () => {
    key = await newKey();
    const calls: Call[] = [
      { at: daysAgo(3), ip: '10.0.0.5', integrationName: 'Zapier' },
      { at: daysAgo(1), ip: '10.0.0.5', integrationName: 'Zapier' },
      { at: daysAgo(4), ip: '192.0.2.7', integrationName: 'Make' },
      { at: daysAgo(2), ip: '192.0.2.7' },
      { at: daysAgo(1), ip: '192.0.2.9', integrationName: 'Refused', outcome: 'ip_not_allowed' },
      { at: daysAgo(1), ip: '192.0.2.10', outcome: 'key_disabled' },
      { at: daysAgo(45), ip: '203.0.113.1', integrationName: 'Gone' },
    ];
    await record(key, calls);
    foreign = await recordElsewhere(key, calls);
  });

  it("reports the window's allowed callers that new limits would refuse", async () => {
    expect(await ipLimitDryRun({ ...key, ipLimits: ['10.0.0.0/8'], now })).toEqual([
      { ip: '192.0.2.7', integrationNames: ['Make'], lastSeen: daysAgo(2), requests: 2 },
    ]);
    expect(await ipLimitDryRun({ ...key, ipLimits: ['192.0.2.0/24'], now })).toEqual([
      { ip: '10.0.0.5', integrationNames: ['Zapier'], lastSeen: daysAgo(1), requests: 2 },
    ]);
    const wider = await ipLimitDryRun({ ...key, ipLimits: ['198.51.100.0/24'], days: 60, now });
    expect(wider.map((caller) => caller.ip)).toEqual(['10.0.0.5', '192.0.2.7', '203.0.113.1']);
  });

  it('reports nobody when the new limits still admit every caller, or when there are none', async () => {
    expect(await ipLimitDryRun({ ...key, ipLimits: ['10.0.0.5', '192.0.2.7'], now })).toEqual([]);
    expect(await ipLimitDryRun({ ...key, ipLimits: [], now })).toEqual([]);
  });

  it('reports a caller whose address was not recorded, since limits would refuse it', async () => {
    const unknown = await newKey();
    await record(unknown, [{ at: daysAgo(1), ip: null, integrationName: 'Hidden' }]);
    expect(await ipLimitDryRun({ ...unknown, ipLimits: ['10.0.0.0/8'], now })).toEqual([
      { ip: null, integrationNames: ['Hidden'], lastSeen: daysAgo(1), requests: 1 },
    ]);
  });

  it('shows nothing of a key to another community', async () => {
    expect(await ipLimitDryRun({ ...foreign, ipLimits: ['10.0.0.0/8'], now })).toEqual([]);
  });
});
