import type { KeyRef, MailContent } from '@/lib/email/mail-kinds';
import { fromNow, relativeTime } from '@/lib/relative-time';
import { formatUtc, keyTitle, renderMail } from './layout';

export type ExpiryNoticeInput = {
  key: KeyRef;
  keyUrl: string;
  /** The key's edit page: where the expiry is moved. */
  editUrl: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  /** When the reminder is written: "in 6 days" counts from here. */
  at: Date;
};

/** The reminder a few days before a key expires: when, what then fails, and how to keep it working. */
export function renderExpiryNotice({ key, keyUrl, editUrl, expiresAt, lastUsedAt, at }: ExpiryNoticeInput): MailContent {
  return renderMail({
    kind: 'key_expiring',
    key,
    keyUrl,
    links: [{ label: 'Change the expiry', url: editUrl }],
    subject: `${keyTitle(key)} expires ${relativeTime(expiresAt, at.getTime())}`,
    intro: `This key stops working on ${formatUtc(expiresAt)}, ${fromNow(expiresAt, at.getTime())}. Integrations still using it will then be refused with key_expired.`,
    facts: [
      { label: 'Expires', value: formatUtc(expiresAt) },
      { label: 'Last used', value: lastUsedAt ? formatUtc(lastUsedAt) : 'Never' },
    ],
    notes: [
      lastUsedAt
        ? 'To keep its integrations working, choose a later expiry on the key’s edit page, or create a new key, move the integrations to it and let this one expire.'
        : 'This key has never been used: if nothing needs it, let it expire. To keep it, choose a later expiry on the key’s edit page.',
    ],
  });
}
