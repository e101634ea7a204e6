import { usageRecorder } from '@/lib/api/usage-recorder';
import { usageSpoolRoot } from '@/lib/api/usage-spool-root';
import { startApiKeyInvalidation, stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { getConfig } from '@/lib/config';
import { startNoticeJob } from '@/lib/email/notice-job';
import { startMailWorker } from '@/lib/email/outbox-worker';
import { log } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { rateLimiter } from '@/lib/rate-limit/limiter';
import { startRetentionJob } from '@/lib/retention/retention-job';

/**
 * Everything this instance does besides answering requests, started once per process by
 * instrumentation.ts's register(): the usage recorder the routes append to, the key cache's LISTEN
 * for changes, the mail outbox worker, the notice job (digests, late IP-refusal notices, expiry
 * reminders) and retention (old rows deleted hourly). Every instance runs all of it; the database
 * decides which one sends each message, so none is sent twice, and which one prunes, so only one does.
 */
export function startBackgroundWork(): void {
  const state = processState();
  if (state.drain) return;
  // The drain exists before anything starts, and learns each part as it starts: if a later part
  // fails to start, what did start (the usage buffer above all) is still drained on shutdown.
  // Order: retention first (it only finishes its statement in progress), usage rows (their batches
  // queue notices), the notice job, then the outbox sends what both just queued; the key listener
  // last. A failing step never skips the next.
  const steps = { retention: noop, usage: noop, notices: noop, mail: noop, keys: noop, rateLimits: noop };
  state.drain = async () => {
    for (const [name, run] of Object.entries(steps)) {
      try {
        await run();
      } catch (error) {
        log.error({ step: name, err: error }, 'shutdown step failed');
      }
    }
  };

  const config = getConfig();
  const usage = usageRecorder();
  const spoolRoot = usageSpoolRoot(config);
  // Also replays the rows a crashed (or cut-off) earlier process left on disk.
  if (spoolRoot) usage.startSpool({ root: spoolRoot, maxBytes: config.USAGE_SPOOL_MAX_BYTES });
  else log.info('PGLITE_DIR is memory://: usage rows are kept in memory only (no spool for a database that ends with the process)');
  steps.usage = async () => {
    await usage.flush();
    // No retry timer may reopen the database once it is being closed; rows it did not take stay in the spool.
    usage.stop();
  };
  // Not awaited: a database that is not there yet must not stop the start; lookups retry it.
  startApiKeyInvalidation().catch(() => {});
  steps.keys = stopApiKeyInvalidation;
  const limiter = rateLimiter();
  steps.rateLimits = () => limiter.close();
  const mail = startMailWorker();
  steps.mail = () => mail.shutDown();
  steps.notices = startNoticeJob();
  steps.retention = startRetentionJob();
  const { RESEND_API_KEY, MAIL_FROM } = config;
  log.info(
    RESEND_API_KEY ? { delivery: 'resend', from: MAIL_FROM } : { delivery: 'mailbox' },
    RESEND_API_KEY ? 'e-mail is sent through Resend' : 'RESEND_API_KEY is not set: e-mail stays in the local mailbox (Integration center → Mailbox)',
  );
}

const noop = async () => {};
