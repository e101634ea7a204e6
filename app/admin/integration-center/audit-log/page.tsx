import type { Metadata } from 'next';
import Link from 'next/link';
import { ScrollText, SearchX } from 'lucide-react';
import { AuditLogFilters } from '@/components/audit/audit-log-filters';
import { PagedList } from '@/components/pagination';
import { AUDIT_LOG_PAGE_SIZE, auditLogHref, parseAuditLogSearch } from '@/lib/validations/audit-log';
import { AuditLogTable } from '@/components/audit/audit-log-table';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
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
        description="Every admin action on API keys: what was done, to which key, by whom, from which IP address and when. Times are in UTC."
      />
      {log.total === 0 && !filtered ? (
        <Card className="py-12 text-center">
          <ScrollText aria-hidden className="mx-auto size-10 text-slate-400" />
          <h2 className="mt-3 font-semibold">No admin actions recorded yet</h2>
          <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">Creating, editing, disabling, enabling, rotating or deleting an API key is recorded here.</p>
        </Card>
      ) : (
        <>
          <AuditLogFilters keys={keys} apiKeyId={apiKeyId} action={action} filtered={filtered} />
          {log.total === 0 ? (
            <Card className="py-12 text-center">
              <SearchX aria-hidden className="mx-auto size-10 text-slate-400" />
              <h2 className="mt-3 font-semibold">No entries match these filters</h2>
              <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">
                Choose another key or action, or{' '}
                <Link href={routes.auditLog} className="font-medium text-brand-700 hover:underline">
                  clear the filters
                </Link>
                .
              </p>
            </Card>
          ) : (
            <PagedList
              page={page}
              pageSize={pageSize}
              total={log.total}
              shown={log.rows.length}
              noun={['entry', 'entries']}
              hrefFor={(target) => auditLogHref({ apiKeyId, action, page: target })}
            >
              <AuditLogTable rows={log.rows} />
            </PagedList>
          )}
        </>
      )}
    </>
  );
}
