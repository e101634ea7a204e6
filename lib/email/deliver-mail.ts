import type { Db } from '@/db/index';
import { markMailFailed, markMailRetry, markMailSent, releaseMail } from '@/db/queries/mail-delivery';
import type { MailMessage } from '@/db/schema';
import { sanitizeError } from '@/lib/safe-error';
import { log } from '@/lib/logger';
import { mayRetry, retryDelayMs, type BackoffPolicy } from './backoff';
import type { MailTransport, SendResult } from './transport';

/** The longest one send may take; Resend usually answers in well under a second. */
export const SEND_TIMEOUT_MS = 15_000;
const TROUBLE_LOG_EVERY_MS = 30_000;

/** A warning logged at most once per interval per topic, with how many were held back. */
export type TroubleLog = (topic: string, fields: Record<string, unknown>, message: string) => void;

export function createTroubleLog(everyMs = TROUBLE_LOG_EVERY_MS): TroubleLog {
  const topics = new Map<string, { at: number; suppressed: number }>();
  return (topic, fields, message) => {
    const seen = topics.get(topic);
    const at = performance.now();
    if (seen && at - seen.at < everyMs) {
      seen.suppressed++;
      return;
    }
    log.warn({ ...fields, suppressed: seen?.suppressed ?? 0 }, message);
    topics.set(topic, { at, suppressed: 0 });
  };
}

export type DeliveryContext = { db: Db; transport: MailTransport; backoff: BackoffPolicy; trouble: TroubleLog };

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'released' | 'unsettled';

/** Logs name the message, never its body or the full address. */
function describe(row: MailMessage) {
  const domain = row.toAddress.slice(row.toAddress.lastIndexOf('@') + 1).replace(/>.*$/, '');
  return { mailId: row.id, kind: row.kind, recipientDomain: domain, attempts: row.attempts };
}


async function send(ctx: DeliveryContext, row: MailMessage, timeoutMs: number): Promise<SendResult> {
  try {
    const message = { id: row.id, to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody };
    return await ctx.transport.send(message, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // A transport should not throw; if one does, the next attempt may go better.
    return { ok: false, retryable: true, error: `Sending failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }
}

/**
 * Sends one claimed row and records the result. Never throws: if the database cannot record the
 * result, the row stays claimed until its lease runs out and is then sent again, under the same
 * idempotency key, so the provider does not deliver it twice.
 * `sendBy` (epoch ms) is when the claim may no longer start a send; `release` gives the row back.
 */
export async function deliverClaimedMail(ctx: DeliveryContext, row: MailMessage, sendBy: number, release: boolean): Promise<DeliveryOutcome> {
  const { db } = ctx;
  const timeoutMs = Math.min(SEND_TIMEOUT_MS, sendBy - Date.now());
  try {
    if (release || timeoutMs <= 0) {
      await releaseMail({ db, id: row.id, attempts: row.attempts });
      return 'released';
    }
    // Claimed again after leases ran out, over and over (say, a message that crashes its sender): stop.
    if (row.attempts > ctx.backoff.maxAttempts) {
      const error = row.lastError ?? 'No result was recorded for any attempt (the sending instance stopped each time).';
      if (await markMailFailed({ db, id: row.id, attempts: row.attempts, error })) log.error(describe(row), 'mail could not be delivered; giving up');
      return 'failed';
    }
    const result = await send(ctx, row, timeoutMs);
    if (result.ok) {
      await markMailSent({ db, id: row.id, delivery: ctx.transport.kind, providerId: result.providerId });
      return 'sent';
    }
    if (result.retryable && mayRetry(row.attempts, ctx.backoff)) {
      const retryInMs = retryDelayMs(row.attempts, ctx.backoff);
      await markMailRetry({ db, id: row.id, attempts: row.attempts, error: result.error, nextAttemptAt: new Date(Date.now() + retryInMs) });
      ctx.trouble('send', { ...describe(row), retryInMs, err: sanitizeError(result.error) }, 'mail delivery failed; will retry');
      return 'retry';
    }
    if (await markMailFailed({ db, id: row.id, attempts: row.attempts, error: result.error })) {
      log.error({ ...describe(row), err: sanitizeError(result.error) }, 'mail could not be delivered; giving up');
    }
    return 'failed';
  } catch (error) {
    // Query errors quote their parameters (the message body): only the driver's message is logged.
    ctx.trouble('settle', { ...describe(row), err: sanitizeError(error) }, 'mail outbox could not be updated; the row will be retried when its lease ends');
    return 'unsettled';
  }
}
