// No `import 'server-only'`: server.ts starts this job in plain Node.
import { getDb, type Db } from '@/db/index';
import { enqueueMail, type NewMail } from '@/db/queries/mail-outbox';
import { claimDueDigests, usageInWindow } from '@/db/queries/notice-windows';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { OUTCOMES, type Outcome } from '@/lib/api-keys/outcomes';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import { keyOf, noticeMail } from './notice-mail';
import { renderDigest } from './templates/usage-notices';

export type DigestOptions = {
  db?: Db;
  /** Shortest gap between two digests of one key (NOTIFY_INTERVAL_SECONDS). */
  intervalSeconds?: number;
  /** A window closes this long ago: usage rows reach the table a moment after the call. */
  settleSeconds?: number;
  /** Keys per run; the rest wait for the next run. */
  limit?: number;
};

const outcomeLabel = (outcome: string) => OUTCOMES[outcome as Outcome]?.label ?? outcome;

/**
 * Queues one digest for every key whose window is due, in the transaction that closes the window:
 * a digest is queued exactly once, whichever instance gets there first. Returns how many.
 */
export async function queueDueDigests({ db = getDb(), intervalSeconds = getConfig().NOTIFY_INTERVAL_SECONDS, settleSeconds = 30, limit = 100 }: DigestOptions = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const windows = await claimDueDigests(tx, { intervalSeconds, settleSeconds, limit });
    if (windows.length === 0) return 0;
    const targets = await findNoticeTargets(tx, { keyIds: windows.map((w) => w.apiKeyId) });
    const mails: NewMail[] = [];
    for (const { apiKeyId, from, to } of windows) {
      const target = targets.get(apiKeyId);
      if (!target?.notifyUser) continue;
      const usage = await usageInWindow(tx, { apiKeyId, from, to });
      const content = renderDigest({
        ...keyOf(target),
        from,
        to,
        total: usage.total,
        allowed: usage.allowed,
        denied: usage.denied,
        outcomes: usage.outcomes.map((row) => ({ label: outcomeLabel(row.value), count: row.count })),
        ips: usage.ips.map((row) => ({ ip: row.value ?? 'unknown', count: row.count })),
        integrations: usage.integrations.map((row) => ({ name: row.value ?? 'Unnamed integration', count: row.count })),
      });
      mails.push(noticeMail(target, { kind: 'digest', dedupeKey: `digest:${apiKeyId}:${from.toISOString()}`, recipient: target.notifyUser, content }));
    }
    await enqueueMail(tx, mails);
    return mails.length;
  });
}

type DigestJob = { timer: ReturnType<typeof setInterval>; running: Promise<unknown> | null };

/** Checks for due digests every `everyMs` (one query); returns a stop function that awaits a run in progress. */
export function startDigestJob({ everyMs, ...options }: DigestOptions & { everyMs?: number } = {}): () => Promise<void> {
  const interval = everyMs ?? Math.min(60_000, Math.max(1_000, ((options.intervalSeconds ?? getConfig().NOTIFY_INTERVAL_SECONDS) * 1000) / 4));
  const job: DigestJob = { timer: setInterval(() => run(), interval), running: null };
  const run = () => {
    if (job.running) return;
    job.running = queueDueDigests(options)
      .catch((error: unknown) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'digests could not be queued; retrying on the next run'))
      .finally(() => {
        job.running = null;
      });
  };
  job.timer.unref();
  return async () => {
    clearInterval(job.timer);
    await job.running;
  };
}
