import type { Metadata } from 'next';
import { ScrollText } from 'lucide-react';
import { AuditLogFilters } from '@/components/audit/audit-log-filters';
import { PagedList } from '@/components/pagination';
import { AUDIT_LOG_PAGE_SIZE, auditLogHref, parseAuditLogSearch } from '@/lib/validations/audit-log';
import { AuditLogTable } from '@/components/audit/audit-log-table';
import { MatchingKeys } from '@/components/matching-keys';
import { PageHeader } from '@/components/page-header';
import { EmptyState, NoMatches } from '@/components/empty-state';
import { listAuditLog } from '@/db/queries/audit';
import { keyFilter } from '@/db/queries/key-search';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin(routes.auditLog);
  const { key, action, page } = parseAuditLogSearch(await searchParams);
  const { communityId } = admin;
  const filtered = key !== undefined || action !== undefined;
  const pageSize = AUDIT_LOG_PAGE_SIZE;

  const matching = key === undefined ? null : await keyFilter({ communityId, text: key });
  const log = await listAuditLog({ communityId, keyIds: matching?.ids, action, page, pageSize });

  return (
    <>
      <PageHeader
        crumbs={[...crumbs.auditLog]}
        title="Audit log"
        description="Every admin action on API keys and settings, and every leak report: what was done, to which key, by whom, from which IP address and when."
      />
      {log.total === 0 && !filtered ? (
        <EmptyState icon={ScrollText} title="No admin actions recorded yet">
          <p>Creating, editing, disabling, enabling, rotating or deleting an API key is recorded here.</p>
        </EmptyState>
      ) : (
        <>
          <AuditLogFilters keyText={key} action={action} filtered={filtered} />
          {matching && <MatchingKeys {...matching} what="Entries" />}
          <PagedList
            page={page}
            pageSize={pageSize}
            total={log.total}
            shown={log.rows.length}
            noun={['entry', 'entries']}
            hrefFor={(target) => auditLogHref({ key, action, page: target })}
            empty={
              <NoMatches
                title={matching?.keys.length === 0 ? `No key matches “${key}”` : 'No entries match these filters'}
                tryInstead="another key or action"
                clearHref={routes.auditLog}
                clearLabel="clear the filters"
              />
            }
          >
            <AuditLogTable rows={log.rows} />
          </PagedList>
        </>
      )}
    </>
  );
}
