import { getDb, type Db } from '@/db/index';
import { closeDigestWindow, dueDigestWindows, usageInWindow, type DigestWindow } from '@/db/queries/digest-windows';
import { enqueueMail } from '@/db/queries/mail-outbox';
import { keysWithUnreportedRefusals } from '@/db/queries/notice-windows';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { describeOutcome } from '@/lib/api-keys/outcomes';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import { keyOf, noticeMail } from './notice-mail';
import { queueExpiryNotices } from './notify-expiry';
import { queueIpRefusalNotices } from './notify-ip-refusals';
import { renderDigest } from './templates/usage-notices';

export type NoticeJobOptions = {
  db?: Db;
  /** Shortest gap between two digests (or refusal notices) of one key: NOTIFY_INTERVAL_SECONDS. */
  intervalSeconds?: number;
  /** A window closes this long ago: usage rows reach the table a moment after the call. */
  settleSeconds?: number;
  /** Keys per run; the rest wait for the next run. */
  limit?: number;
};

const defaults = (options: NoticeJobOptions) => ({
  db: options.db ?? getDb(),
  intervalSeconds: options.intervalSeconds ?? getConfig().NOTIFY_INTERVAL_SECONDS,
  settleSeconds: options.settleSeconds ?? 30,
  limit: options.limit ?? 100,
});

/**
 * Queues one digest per due window. The summary is read without locks; the window is closed and
 * the digest queued in one short transaction, which only the first instance to try succeeds in.
 */
export async function queueDueDigests(options: NoticeJobOptions = {}): Promise<number> {
  const { db, ...window } = defaults(options);
  let queued = 0;
  for (const due of await dueDigestWindows(db, window)) {
    const usage = await usageInWindow(db, due);
    const sent = await db.transaction(async (tx) => {
      if (!(await closeDigestWindow(tx, due))) return false;
      const target = (await findNoticeTargets(tx, { keyIds: [due.apiKeyId] })).get(due.apiKeyId);
      if (!target?.notifyUser) return false;
      const content = renderDigest({
        ...keyOf(target),
        from: new Date(due.from),
        to: new Date(due.to),
        total: usage.total,
        allowed: usage.allowed,
        denied: usage.denied,
        outcomes: usage.outcomes.map((row) => ({ label: describeOutcome(row.value).label, count: row.count })),
        ips: usage.ips.map((row) => ({ ip: row.value ?? 'unknown', count: row.count })),
        integrations: usage.integrations.map((row) => ({ name: row.value ?? 'Unnamed integration', count: row.count })),
      });
      await enqueueMail(tx, [noticeMail(target, { kind: 'digest', dedupeKey: digestKey(due), recipient: target.notifyUser, content })]);
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}

const digestKey = ({ apiKeyId, from, to }: DigestWindow) => `digest:${apiKeyId}:${from}:${to}`;

/**
 * Refusals that came after a key's last refusal notice and inside its quiet interval would wait
 * for the next refused call; once the interval is over, this reports them without one.
 */
export async function queueUnreportedRefusals(options: NoticeJobOptions = {}): Promise<void> {
  const { db, intervalSeconds, limit } = defaults(options);
  const keyIds = await keysWithUnreportedRefusals(db, { intervalSeconds, limit });
  if (keyIds.length > 0) await db.transaction((tx) => queueIpRefusalNotices(tx, keyIds, intervalSeconds));
}

/** Runs all three (digests, late refusal notices, expiry reminders) every `everyMs`: a few indexed queries. Returns a stop function that awaits a run in progress. */
export function startNoticeJob({ everyMs, ...options }: NoticeJobOptions & { everyMs?: number } = {}): () => Promise<void> {
  const interval = everyMs ?? Math.min(60_000, Math.max(1_000, (defaults(options).intervalSeconds * 1000) / 4));
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= Promise.all([queueDueDigests(options), queueUnreportedRefusals(options), queueExpiryNotices(options)])
      .catch((error: unknown) => log.warn({ err: error }, 'notices could not be queued; retrying on the next run'))
      .finally(() => {
        running = null;
      });
  }, interval);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
