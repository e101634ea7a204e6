// No `import 'server-only'`: server.ts starts mail delivery in plain Node.
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import { onShutdown } from '@/lib/shutdown';
import { startNoticeJob } from './notice-job';
import { startMailWorker } from './outbox-worker';

/**
 * Starts this instance's share of e-mail: the outbox worker and the digest job. Every instance
 * runs both; the database decides which one sends each message, so none is sent twice.
 */
export function startMailDelivery(): void {
  const { RESEND_API_KEY, MAIL_FROM } = getConfig();
  startMailWorker();
  onShutdown('mail-notices', startNoticeJob());
  log.info(
    RESEND_API_KEY ? { delivery: 'resend', from: MAIL_FROM } : { delivery: 'mailbox' },
    RESEND_API_KEY ? 'e-mail is sent through Resend' : 'RESEND_API_KEY is not set: e-mail stays in the local mailbox (Integration center → Mailbox)',
  );
}
