import type { Metadata } from 'next';
import Link from 'next/link';
import { Inbox } from 'lucide-react';
import { MailboxFilters } from '@/components/mail/mailbox-filters';
import { MailboxTable } from '@/components/mail/mailbox-table';
import { MatchingKeys } from '@/components/matching-keys';
import { SendingMode } from '@/components/mail/sending-mode';
import { PageHeader } from '@/components/page-header';
import { Streamed, TableSkeleton } from '@/components/ui/skeleton';
import { PagedList } from '@/components/pagination';
import { EmptyState, NoMatches } from '@/components/empty-state';
import { keyFilter } from '@/db/queries/key-search';
import { listMailbox } from '@/db/queries/mailbox';
import { requireAdmin } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { MAIL_KINDS, type MailKind } from '@/lib/email/mail-kinds';
import { crumbs, routes } from '@/lib/routes';
import { MAILBOX_PAGE_SIZE, mailboxHref, parseMailboxSearch, type MailboxSearch } from '@/lib/validations/mailbox';

export const metadata: Metadata = { title: 'Mailbox' };

const linkClass = 'font-medium text-brand-700 hover:underline';

function noMatchesTitle({ key, kind, keysFound }: { key?: string; kind?: MailKind; keysFound?: number }): string {
  if (keysFound === 0) return `No key matches “${key}”`;
  return kind ? `No “${MAIL_KINDS[kind].label}” messages${key ? ' about these keys' : ''}` : 'No messages about these keys';
}

// The search arrives whole: spread as props, its `key` would be taken by React as the element's key.
async function Messages({ communityId, search }: { communityId: string; search: MailboxSearch }) {
  const { key, kind, page } = search;
  const pageSize = MAILBOX_PAGE_SIZE;
  const matching = key === undefined ? null : await keyFilter({ communityId, text: key });
  const mail = await listMailbox({ communityId, keyIds: matching?.ids, kind, page, pageSize });

  if (mail.total === 0 && !kind && !key) {
    return (
      <EmptyState icon={Inbox} title="No messages yet">
        <p>
          Turn on Email notifications on an API key, and its first use will show up here.{' '}
          <Link href={routes.apiKeys} className={linkClass}>
            Go to API Keys
          </Link>
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      <MailboxFilters keyText={key} kind={kind} />
      {matching && <MatchingKeys {...matching} what="Messages" />}
      <PagedList
        page={page}
        pageSize={pageSize}
        total={mail.total}
        shown={mail.rows.length}
        noun={['message', 'messages']}
        hrefFor={(target) => mailboxHref({ key, kind, page: target })}
        empty={<NoMatches title={noMatchesTitle({ key, kind, keysFound: matching?.keys.length })} tryInstead="another key or kind" clearHref={routes.mailbox} clearLabel="show every message" />}
      >
        <MailboxTable rows={mail.rows} />
      </PagedList>
    </>
  );
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The guard runs before anything streams, so members get a real 403 and visitors a redirect.
  const admin = await requireAdmin(routes.mailbox);
  const search = parseMailboxSearch(await searchParams);
  const { RESEND_API_KEY, MAIL_FROM } = getConfig();
  return (
    <>
      <PageHeader
        crumbs={[...crumbs.mailbox]}
        title="Mailbox"
        description="Every notice the product sends is listed here: first use of a key, new IP addresses, usage digests and security notices."
      />
      <SendingMode resendOn={Boolean(RESEND_API_KEY)} from={MAIL_FROM} />
      <Streamed key={mailboxHref(search)} label="Loading messages…" skeleton={<TableSkeleton />}>
        <Messages communityId={admin.communityId} search={search} />
      </Streamed>
    </>
  );
}
