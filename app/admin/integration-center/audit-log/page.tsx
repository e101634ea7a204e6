import type { Metadata } from 'next';
import { ScrollText } from 'lucide-react';
import { AuditLogFilters } from '@/components/audit/audit-log-filters';
import { PagedList } from '@/components/pagination';
import { AUDIT_LOG_PAGE_SIZE, auditLogHref, parseAuditLogSearch } from '@/lib/validations/audit-log';
import { AuditLogTable } from '@/components/audit/audit-log-table';
import { PageHeader } from '@/components/page-header';
import { EmptyState, NoMatches } from '@/components/empty-state';
import { auditKeyOptions, listAuditLog } from '@/db/queries/audit';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin(routes.auditLog);
  const { apiKeyId, action, page } = parseAuditLogSearch(await searchParams);
  const filter = { communityId: admin.communityId, apiKeyId, action };
  const filtered = apiKeyId !== undefined || action !== undefined;
  const pageSize = AUDIT_LOG_PAGE_SIZE;

  const [log, keys] = await Promise.all([listAuditLog({ ...filter, page, pageSize }), auditKeyOptions({ communityId: admin.communityId })]);

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
          <AuditLogFilters keys={keys} apiKeyId={apiKeyId} action={action} filtered={filtered} />
          <PagedList
            page={page}
            pageSize={pageSize}
            total={log.total}
            shown={log.rows.length}
            noun={['entry', 'entries']}
            hrefFor={(target) => auditLogHref({ apiKeyId, action, page: target })}
            empty={<NoMatches title="No entries match these filters" tryInstead="another key or action" clearHref={routes.auditLog} clearLabel="clear the filters" />}
          >
            <AuditLogTable rows={log.rows} />
          </PagedList>
        </>
      )}
    </>
  );
}
