import { describe, expect, it } from 'vitest';
import { callerLabel, distinctCallerLabels } from './callers';

const caller = (integrationName: string | null, userAgent: string | null, ip: string | null) => ({ integrationName, userAgent, ip });

describe('caller labels', () => {
  it('names a caller by its integration name, else user agent, else address', () => {
    expect(callerLabel(caller('Zapier', 'zapier/1.0', '10.0.0.5'))).toBe('Zapier');
    expect(callerLabel(caller(null, 'curl/8.0', '10.0.0.5'))).toBe('curl/8.0');
    expect(callerLabel(caller(null, null, '10.0.0.5'))).toBe('10.0.0.5');
    expect(callerLabel(caller(null, null, null))).toBe('Unknown caller');
  });

  it('tells repeated names apart by address, then by user agent, and leaves unique ones alone', () => {
    expect(
      distinctCallerLabels([caller(null, 'curl/8.0', null), caller('Zapier', 'zapier/1.0', '10.0.0.5'), caller('Zapier', 'zapier/1.0', '10.0.0.6')]),
    ).toEqual(['curl/8.0', 'Zapier (10.0.0.5)', 'Zapier (10.0.0.6)']);
    expect(distinctCallerLabels([caller('Jira', 'jira/1', '10.0.0.5'), caller('Jira', 'jira/2', '10.0.0.5')])).toEqual([
      'Jira (10.0.0.5, jira/1)',
      'Jira (10.0.0.5, jira/2)',
    ]);
  });
});
