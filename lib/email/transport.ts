import { Resend } from 'resend';
import type { MailDeliveryKind } from '@/db/queries/mail-delivery';
import type { Config } from '@/lib/config';

/** One outbox row on its way out. `id` is the row's: it makes every retry the same request. */
export type OutgoingMail = { id: string; from?: string; to: string; subject: string; text: string; html: string };

export type SendResult = { ok: true; providerId: string | null } | { ok: false; retryable: boolean; error: string };

export type MailTransport = {
  kind: MailDeliveryKind;
  /** Never throws; `signal` aborts a send that takes too long (it then counts as retryable). */
  send(message: OutgoingMail, options?: { signal?: AbortSignal }): Promise<SendResult>;
};

export type TransportConfig = Pick<Config, 'RESEND_API_KEY' | 'RESEND_BASE_URL' | 'MAIL_FROM'>;

/** The error the Resend SDK returns (it does not throw); `statusCode` null is a network failure. */
export type ResendError = { name?: string; statusCode?: number | null; message?: string };

/**
 * 400 and 422: Resend refuses this message (bad address, invalid field); sending it again cannot
 * help. Everything else may pass later: the network, 429, 5xx, a key being fixed (401/403), or a
 * concurrent request with the same idempotency key (409).
 */
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 422]);

const MAX_ERROR_LENGTH = 500;

/** Whatever the provider echoes back, the key must not reach the table, the mailbox page or a log. */
export function redactSecrets(text: string, apiKey?: string): string {
  let out = apiKey ? text.split(apiKey).join('[redacted]') : text;
  // Also anything shaped like a Resend key, in case the provider quotes another one.
  out = out.replace(/\bre_[A-Za-z0-9_]{6,}/g, 're_[redacted]');
  return out.slice(0, MAX_ERROR_LENGTH);
}

/** Pure: how the outbox treats an error from Resend, and the sentence stored as `last_error`. */
export function classifyResendError(error: ResendError, apiKey?: string): { retryable: boolean; error: string } {
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const name = error.name && error.name !== 'application_error' ? ` (${error.name})` : '';
  const what = status === null ? 'Resend could not be reached' : `Resend answered ${status}${name}`;
  const message = error.message?.trim() ? `: ${error.message.trim()}` : '';
  return { retryable: status === null || !PERMANENT_STATUSES.has(status), error: redactSecrets(`${what}${message}`, apiKey) };
}

const RESEND_API_URL = 'https://api.resend.com';

function resendTransport(apiKey: string, baseUrl: string | undefined, from: string): MailTransport {
  // Explicit, so the SDK does not read RESEND_BASE_URL behind getConfig()'s back.
  const resend = new Resend(apiKey, { baseUrl: (baseUrl ?? RESEND_API_URL).replace(/\/+$/, '') });
  return {
    kind: 'resend',
    async send(message, options) {
      try {
        const { data, error } = await resend.emails.send(
          { from: message.from ?? from, to: [message.to], subject: message.subject, text: message.text, html: message.html },
          // The same key on every retry and every instance: Resend sends a message at most once.
          { idempotencyKey: `outbox/${message.id}`, signal: options?.signal },
        );
        if (error) return { ok: false, ...classifyResendError(error, apiKey) };
        return { ok: true, providerId: data?.id ?? null };
      } catch (error) {
        // The SDK rethrows an abort that lands while it reads the body; anything else is a surprise.
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, retryable: true, error: redactSecrets(`Resend could not be reached: ${detail}`, apiKey) };
      }
    },
  };
}

/** Without a Resend key nothing leaves the machine: the message is delivered to the local mailbox. */
const mailboxTransport: MailTransport = {
  kind: 'mailbox',
  send: async () => ({ ok: true, providerId: null }),
};

export function createTransport(config: TransportConfig): MailTransport {
  return config.RESEND_API_KEY ? resendTransport(config.RESEND_API_KEY, config.RESEND_BASE_URL, config.MAIL_FROM) : mailboxTransport;
}
