import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { users } from '@/db/schema';
import { createTestCommunity } from '@/test/db';
import { DbError, isDatabaseUnavailable, isRowDataError, isUniqueViolation, toDbError } from './errors';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(() => closeDatabase());

/** A real driver error, wrapped by drizzle as the app sees it: a second user with the same e-mail. */
async function duplicateEmail(): Promise<unknown> {
  const email = `dup-${randomUUID()}@private.example`;
  const row = { communityId: community.communityId, email, name: 'Dup', passwordHash: 'secret-hash-value' };
  await getDb().insert(users).values(row);
  return getDb()
    .insert(users)
    .values(row)
    .then(() => null, (error: unknown) => error);
}

describe('toDbError', () => {
  it('maps a unique violation from the real driver, naming the constraint and nothing of the row', async () => {
    const error = await duplicateEmail();
    const mapped = toDbError(error);
    expect(mapped).toBeInstanceOf(DbError);
    expect(mapped).toMatchObject({ kind: 'unique_violation', code: '23505', constraint: 'users_email_unique' });
    expect(mapped.message).not.toMatch(/private\.example|secret-hash-value/);
    expect(isUniqueViolation(error, 'users_email_unique')).toBe(true);
    expect(isUniqueViolation(error, 'another_constraint')).toBe(false);
    expect(isRowDataError(error)).toBe(true);
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'unavailable'],
    ['an admin shutdown (57P01)', Object.assign(new Error('terminating connection'), { code: '57P01' }), 'unavailable'],
    ['a statement timeout (57014)', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), 'unavailable'],
    ['a connection exception class 08', Object.assign(new Error('connection failure'), { code: '08006' }), 'unavailable'],
    ['a closed PGlite', new Error('PGlite is closed'), 'unavailable'],
    ['a foreign key violation', Object.assign(new Error('violates foreign key constraint'), { code: '23503' }), 'rejected_row'],
    ['bad input syntax (22P02)', Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }), 'rejected_row'],
    ['a missing table', Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }), 'other'],
    ['a thrown string', 'boom', 'other'],
  ])('%s → %s', (_name, error, kind) => {
    // Wrapped as drizzle does: the query and its parameters in the outer message, the driver error as cause.
    const wrapped = new Error('Failed query: insert into x values ($1)\nparams: someone@private.example', { cause: error });
    expect(toDbError(wrapped).kind).toBe(kind);
    expect(toDbError(wrapped).message).not.toContain('private.example');
    expect(isDatabaseUnavailable(wrapped)).toBe(kind === 'unavailable');
  });
});
