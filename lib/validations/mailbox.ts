import { z } from 'zod';
import { MAIL_KINDS, type MailKind } from '@/lib/email/mail-kinds';
import { routes } from '@/lib/routes';
import { first, hrefWith, pageNumber, searchText, type SearchParams } from './search-params';

export const MAILBOX_PAGE_SIZE = 25;

const KIND_VALUES = Object.keys(MAIL_KINDS) as [MailKind, ...MailKind[]];

/** A bad value is dropped (filter off, page 1), never an error: the URL is the user's to edit. */
const mailboxSearchSchema = z.object({
  key: searchText,
  kind: z.preprocess(first, z.enum(KIND_VALUES).optional()).catch(undefined),
  page: pageNumber,
});

/** `key` is what the Key box holds: a key's id or part of its name or hint. */
export type MailboxSearch = { key?: string; kind?: MailKind; page: number };

export function parseMailboxSearch(params: SearchParams): MailboxSearch {
  return mailboxSearchSchema.parse(params);
}

/** The mailbox URL for these filters and page; page 1 and no filter are left out. */
export function mailboxHref({ key, kind, page = 1 }: Partial<MailboxSearch>): string {
  return hrefWith(routes.mailbox, { key, kind, page: page > 1 ? String(page) : undefined });
}
