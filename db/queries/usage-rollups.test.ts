import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../index';
import { newKey, record, setUpUsageFixtures, type Scope } from './__fixtures__/usage-rows';
import { requestsLast7Days } from './usage-rollups';

setUpUsageFixtures();

// The API Keys list's column runs on the database's clock, so the rows are placed around it.
const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

describe('requestsLast7Days', () => {
  let key: Scope;
  beforeAll(async () => {
    key = await newKey();
    await record(key, [{ at: ago(8) }, { at: ago(6.9), outcome: 'rate_limited' }, { at: ago(1) }, { at: ago(0) }]);
  });

  const requestsOf = async (apiKeyId: string) => {
    const [row] = await getDb()
      .select({ n: requestsLast7Days(sql`${apiKeyId}::uuid`) })
      .from(sql`(select 1) as one`);
    return row.n;
  };

  it('counts the key’s requests of the last 7 days, allowed and denied, from the hourly rollup', async () => {
    expect(await requestsOf(key.apiKeyId)).toBe(3);
    expect(await requestsOf((await newKey()).apiKeyId)).toBe(0);
  });
});
