import { beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, newKey, now, record, recordElsewhere, setUpUsageFixtures, type Scope } from './__fixtures__/usage-rows';
import { ipRefusals } from './ip-refusals';

setUpUsageFixtures();

describe('ipRefusals', () => {
  const limits = ['10.0.0.0/8'];
  let key: Scope;
  let foreign: Scope;

  beforeAll(async () => {
    key = await newKey();
    const calls = [
      { at: daysAgo(0.1), ip: '198.51.100.7', outcome: 'ip_not_allowed' as const, integrationName: 'Zapier' },
      { at: daysAgo(0.2), ip: '198.51.100.7', outcome: 'ip_not_allowed' as const },
      { at: daysAgo(0.3), ip: '203.0.113.9', outcome: 'ip_not_allowed' as const },
      { at: daysAgo(0.4), ip: '10.0.0.5' },
      // Refused, but the day before: neither counted nor offered.
      { at: daysAgo(2), ip: '192.0.2.1', outcome: 'ip_not_allowed' as const },
    ];
    await record(key, calls);
    foreign = await recordElsewhere(key, calls);
  });

  it('counts the last 24 hours of IP refusals and names the refused addresses, most recent first', async () => {
    expect(await ipRefusals({ ...key, ipLimits: limits, now })).toEqual({ refused: 3, addresses: ['198.51.100.7', '203.0.113.9'] });
  });

  it('offers only addresses the current limits still refuse', async () => {
    expect(await ipRefusals({ ...key, ipLimits: [...limits, '198.51.100.0/24'], now })).toEqual({ refused: 3, addresses: ['203.0.113.9'] });
    expect(await ipRefusals({ ...key, ipLimits: [...limits, '198.51.100.7', '203.0.113.9'], now })).toBeNull();
  });

  it('shows nothing for limits that allow any address, a quiet day, or another community', async () => {
    expect(await ipRefusals({ ...key, ipLimits: [], now })).toBeNull();
    expect(await ipRefusals({ ...key, ipLimits: limits, now: new Date(now.getTime() + 3 * 86_400_000) })).toBeNull();
    expect(await ipRefusals({ ...foreign, ipLimits: limits, now })).toBeNull();
  });

  it('offers at most three addresses', async () => {
    const busy = await newKey();
    await record(
      busy,
      Array.from({ length: 5 }, (_, i) => ({ at: daysAgo(0.5 - i * 0.05), ip: `198.51.100.${i}`, outcome: 'ip_not_allowed' as const })),
    );
    expect(await ipRefusals({ ...busy, ipLimits: limits, now })).toEqual({ refused: 5, addresses: ['198.51.100.4', '198.51.100.3', '198.51.100.2'] });
  });
});
