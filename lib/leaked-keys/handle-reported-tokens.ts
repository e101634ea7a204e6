import 'server-only';
import { findReportedSecrets, type ReportedSecret } from '@/db/queries/leak-reports';
import { hashApiKey } from '@/lib/api-keys/hash';
import { parseApiKey } from '@/lib/api-keys/parse';
import { reportLeakedKey, type LeakReport } from '@/lib/api-keys/report-leaked-key';
import { recordUsage } from '@/lib/api/usage-recorder';
import { LEAK_REPORTERS, type LeakResult } from './leak-report';
import { isRealCredential, type TokenLabel } from './token-label';

/** One token as a reporter sent it; a scanner also says where it found it. */
export type ReportedToken = { token: string; type?: string; url?: string; source?: string };

/** Who sent the report: the request's facts, kept with the report, the audit entry and the request log. */
export type ReportContext = Pick<LeakReport, 'reporter' | 'reporterIp'> & { requestId: string; userAgent: string | null; startedAt: number };

export type HandledTokens = {
  /** For each token, in order: its SHA-256 and whether it is a real credential of ours. */
  answers: { tokenHash: string; label: TokenLabel }[];
  /** What each newly reported secret led to (repeats are not in it). */
  results: LeakResult[];
};

// Reports of different keys run side by side, each in its own transaction (a key's row lock orders
// reports of one key); a few at a time leave the pool (10 connections) to the API.
const CONCURRENT_REPORTS = 6;

async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/**
 * Judges every reported token with one batched lookup (only tokens of our format, with a valid
 * checksum, are looked up at all), then handles each real secret once per request through the
 * key's own transaction (lib/api-keys/report-leaked-key.ts), and records the report in the request
 * log of each key it named. No token is ever logged or stored: only hashes and hints.
 */
export async function handleReportedTokens(tokens: ReportedToken[], context: ReportContext): Promise<HandledTokens> {
  const tokenHashes = tokens.map(({ token }) => hashApiKey(token));
  const ours = [...new Set(tokenHashes.filter((_, i) => parseApiKey(tokens[i].token).ok))];
  const found = await findReportedSecrets({ hashes: ours });
  const now = Date.now();
  const answers = tokenHashes.map((tokenHash) => ({ tokenHash, label: isRealCredential(found.get(tokenHash), now) ? ('true_positive' as const) : ('false_positive' as const) }));

  // The first sighting of each real secret in this report says where it was found.
  const real = new Map<string, { secret: ReportedSecret; token: ReportedToken }>();
  tokenHashes.forEach((hash, i) => {
    const secret = found.get(hash);
    if (answers[i].label === 'true_positive' && secret && !real.has(hash)) real.set(hash, { secret, token: tokens[i] });
  });

  const results: LeakResult[] = [];
  // A secret reported before needs no transaction: the report's own would find it and do nothing.
  const firstReports = [...real.entries()].filter(([, { secret }]) => !secret.reportedBefore);
  await inLanes(firstReports, CONCURRENT_REPORTS, async ([hash, { secret, token }]) => {
    const result = await reportLeakedKey({
      apiKeyId: secret.apiKeyId,
      communityId: secret.communityId,
      hash,
      reporter: context.reporter,
      reporterIp: context.reporterIp,
      tokenType: token.type ?? null,
      url: token.url ?? null,
      source: token.source ?? null,
    });
    if (result) results.push(result);
  });
  recordReports([...real.values()].map(({ secret }) => secret), context);
  return { answers, results };
}

/** One request-log row per key named, repeats included: each report is an event on the key. */
function recordReports(secrets: ReportedSecret[], { reporter, reporterIp, requestId, userAgent, startedAt }: ReportContext): void {
  const keys = new Map(secrets.map((secret) => [secret.apiKeyId, secret.communityId]));
  const { outcome, path, status } = LEAK_REPORTERS[reporter];
  let n = 0;
  for (const [apiKeyId, communityId] of keys) {
    recordUsage({
      // Request ids are unique in the log: a report naming several keys numbers the rows after the first.
      requestId: n++ === 0 ? requestId : `${requestId}:${n}`,
      apiKeyId,
      communityId,
      at: new Date(),
      method: 'POST',
      path,
      status,
      outcome,
      ip: reporterIp,
      userAgent,
      integrationName: null,
      latencyMs: Math.round(performance.now() - startedAt),
    });
  }
}
