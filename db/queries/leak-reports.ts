import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { LeakReporter, LeakResult } from '@/lib/leaked-keys/leak-report';
import type { MatchedSecret } from '@/lib/leaked-keys/token-label';
import { getDb, type Tx } from '../index';
import { apiKeyLeakReports, apiKeyPreviousSecrets, apiKeys } from '../schema';

/** A stored secret a reported token matched, with its key, and whether it was reported before. */
export type ReportedSecret = MatchedSecret & { hash: string; apiKeyId: string; communityId: string; reportedBefore: boolean };

// Reports are never deleted: a secret reported once stays handled, so this may be read outside the
// report's lock. Names written out: drizzle leaves columns of a one-table select unqualified, and
// inside the subquery an unqualified "hash" would be the report's own.
const reportedBefore = (table: 'api_keys' | 'api_key_previous_secrets') =>
  sql<boolean>`exists (select 1 from api_key_leak_reports reported where reported.hash = ${sql.identifier(table)}.hash)`;

/**
 * Every stored secret among `hashes`, in two queries whatever their number (one array parameter
 * each, `= any($1)`): keys' current secrets, deleted keys included, and secrets replaced by a
 * rotation, whether or not their grace period is over. The caller decides what counts as real.
 */
export async function findReportedSecrets({ hashes }: { hashes: string[] }): Promise<Map<string, ReportedSecret>> {
  if (hashes.length === 0) return new Map();
  const db = getDb();
  const list = sql`${sql.param(hashes)}::text[]`;
  const [current, previous] = await Promise.all([
    db
      .select({ hash: apiKeys.hash, apiKeyId: apiKeys.id, communityId: apiKeys.communityId, status: apiKeys.status, reportedBefore: reportedBefore('api_keys') })
      .from(apiKeys)
      .where(sql`${apiKeys.hash} = any(${list})`),
    db
      .select({
        hash: apiKeyPreviousSecrets.hash,
        apiKeyId: apiKeys.id,
        communityId: apiKeys.communityId,
        status: apiKeys.status,
        secretExpiresAt: apiKeyPreviousSecrets.expiresAt,
        reportedBefore: reportedBefore('api_key_previous_secrets'),
      })
      .from(apiKeyPreviousSecrets)
      .innerJoin(apiKeys, eq(apiKeys.id, apiKeyPreviousSecrets.apiKeyId))
      .where(sql`${apiKeyPreviousSecrets.hash} = any(${list})`),
  ]);
  return new Map<string, ReportedSecret>([
    ...previous.map((row) => [row.hash, { ...row, current: false }] as const),
    ...current.map((row) => [row.hash, { ...row, current: true, secretExpiresAt: null }] as const),
  ]);
}

export type NewLeakReport = {
  communityId: string;
  apiKeyId: string;
  hash: string;
  hint: string;
  reporter: LeakReporter;
  tokenType: string | null;
  url: string | null;
  source: string | null;
  reporterIp: string | null;
  result: LeakResult;
};

/**
 * Records a report of a secret, unless that secret was reported before (by anyone, through either
 * endpoint): then nothing is written and null comes back. Returns when it was recorded.
 */
export async function insertLeakReport(tx: Tx, report: NewLeakReport): Promise<Date | null> {
  const [inserted] = await tx
    .insert(apiKeyLeakReports)
    .values(report)
    .onConflictDoNothing({ target: apiKeyLeakReports.hash })
    .returning({ reportedAt: apiKeyLeakReports.reportedAt });
  return inserted?.reportedAt ?? null;
}

/** Whether this secret was ever reported leaked (through either endpoint). */
export async function isSecretReported(tx: Tx, { hash }: { hash: string }): Promise<boolean> {
  const [found] = await tx.select({ hash: apiKeyLeakReports.hash }).from(apiKeyLeakReports).where(eq(apiKeyLeakReports.hash, hash)).limit(1);
  return found !== undefined;
}

/**
 * The report of the key's current secret, if it was reported: what the key page's banner shows
 * until the key is rotated (a new secret was not reported) or deleted.
 */
export async function findCurrentLeakReport({ apiKeyId, communityId }: { apiKeyId: string; communityId: string }) {
  const [report] = await getDb()
    .select({
      reporter: apiKeyLeakReports.reporter,
      url: apiKeyLeakReports.url,
      source: apiKeyLeakReports.source,
      reporterIp: apiKeyLeakReports.reporterIp,
      result: apiKeyLeakReports.result,
      reportedAt: apiKeyLeakReports.reportedAt,
    })
    .from(apiKeyLeakReports)
    .innerJoin(apiKeys, and(eq(apiKeys.id, apiKeyLeakReports.apiKeyId), eq(apiKeys.hash, apiKeyLeakReports.hash)))
    .where(and(eq(apiKeyLeakReports.apiKeyId, apiKeyId), eq(apiKeyLeakReports.communityId, communityId)))
    .orderBy(desc(apiKeyLeakReports.reportedAt))
    .limit(1);
  return report ?? null;
}

export type CurrentLeakReport = NonNullable<Awaited<ReturnType<typeof findCurrentLeakReport>>>;
