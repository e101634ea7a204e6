import { z } from 'zod';
import { MAIL_KINDS, type MailKind } from '@/lib/email/mail-kinds';
import { routes } from '@/lib/routes';

export const MAILBOX_PAGE_SIZE = 25;

const KIND_VALUES = Object.keys(MAIL_KINDS) as [MailKind, ...MailKind[]];

// `?kind=a&kind=b` arrives as an array: the first value counts, as in a form with one select.
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** A bad value is dropped (filter off, page 1), never an error: the URL is the user's to edit. */
const mailboxSearchSchema = z.object({
  kind: z.preprocess(first, z.enum(KIND_VALUES).optional()).catch(undefined),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1),
});

export type MailboxSearch = { kind?: MailKind; page: number };

export function parseMailboxSearch(params: Record<string, string | string[] | undefined>): MailboxSearch {
  return mailboxSearchSchema.parse(params);
}

/** The mailbox URL for this filter and page; page 1 and no filter are left out. */
export function mailboxHref({ kind, page = 1 }: Partial<MailboxSearch>): string {
  const query = new URLSearchParams();
  if (kind) query.set('kind', kind);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return search ? `${routes.mailbox}?${search}` : routes.mailbox;
}
