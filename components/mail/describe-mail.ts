import { MAIL_KINDS } from '@/lib/email/mail-kinds';
import { plural } from '@/lib/format';

type Tone = 'green' | 'slate' | 'amber' | 'red';

/** Where a message is in the outbox, as an admin reads it. One row per state the list can show. */
export const MAIL_STATES = {
  queued: { label: 'Queued', tone: 'slate' },
  sending: { label: 'Sending', tone: 'slate' },
  retrying: { label: 'Retrying', tone: 'amber' },
  failed: { label: 'Failed', tone: 'red' },
  mailbox: { label: 'Delivered to mailbox', tone: 'green' },
  resend: { label: 'Sent via Resend', tone: 'green' },
  sent: { label: 'Sent', tone: 'green' },
} as const satisfies Record<string, { label: string; tone: Tone }>;

export type MailState = keyof typeof MAIL_STATES;

export type MailStatusFields = {
  status: 'pending' | 'sending' | 'sent' | 'failed';
  delivery: 'resend' | 'mailbox' | null;
  attempts: number;
};

/** A pending message that has been tried before is being retried; a sent one says where it went. */
export function mailState({ status, delivery, attempts }: MailStatusFields): MailState {
  switch (status) {
    case 'pending':
      return attempts > 0 ? 'retrying' : 'queued';
    case 'sending':
      return 'sending';
    case 'failed':
      return 'failed';
    case 'sent':
      return delivery ?? 'sent';
  }
}

/** "Failed after 12 attempts", the prefix of the failure sentence (the last error follows it). */
export function failedAfter(attempts: number): string {
  return `Failed after ${plural(attempts, 'attempt')}`;
}

/** The number of the try that is coming: after two failed attempts, the next is attempt 3. */
export function nextAttemptNumber(attempts: number): number {
  return attempts + 1;
}

function isMailKind(kind: string): kind is keyof typeof MAIL_KINDS {
  return Object.hasOwn(MAIL_KINDS, kind);
}

/** The stored kind is free text: one this version does not know is shown as stored, in neutral. */
export function mailKindLabel(kind: string): { label: string; tone: Tone } {
  if (!isMailKind(kind)) return { label: kind, tone: 'slate' };
  const { label, security } = MAIL_KINDS[kind];
  return { label, tone: security ? 'amber' : 'slate' };
}
