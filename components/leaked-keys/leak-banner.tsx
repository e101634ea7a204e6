import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import type { CurrentLeakReport } from '@/db/queries/leak-reports';
import { LEAK_REPORTERS, LEAK_RESULTS, isLeakResult } from '@/lib/leaked-keys/leak-report';
import { DateTime } from '../ui/date-time';
import { NoticeBanner } from '../ui/notice-banner';

// Only a web address is made a link; anything else a scanner sent is shown as text.
const isWebAddress = (value: string) => /^https:\/\/[^\s]+$/i.test(value);

/** Where the secret turned up, in the reporter's terms. */
function FoundWhere({ report }: { report: CurrentLeakReport }) {
  if (report.reporter === 'public') {
    return <>A public revoke request from {report.reporterIp ?? 'an unknown address'} sent this key’s secret</>;
  }
  return (
    <>
      {LEAK_REPORTERS.github.label} found this key’s secret
      {report.url && (
        <>
          {' '}
          at{' '}
          {isWebAddress(report.url) ? (
            <a href={report.url} rel="noreferrer noopener" target="_blank" className="break-all font-medium underline">
              {report.url}
            </a>
          ) : (
            <span className="break-all font-mono">{report.url}</span>
          )}
        </>
      )}
      {report.source && <> ({report.source})</>}
    </>
  );
}

/**
 * Shown on the key page while the key's current secret is one that was reported leaked: until the
 * key is rotated (the new secret did not leak) or deleted. Links to rotating it at once.
 */
export function LeakBanner({ report, rotateHref }: { report: CurrentLeakReport; rotateHref: string }) {
  const result = isLeakResult(report.result) ? LEAK_RESULTS[report.result] : null;
  return (
    <NoticeBanner id="leak-banner-heading" tone="red" icon={ShieldAlert} title="This key was reported leaked" alert>
      <p>
        <FoundWhere report={report} /> <DateTime value={report.reportedAt} />.
      </p>
      {result && (
        <p>
          {result.label}. {result.meaning}
        </p>
      )}
      <p>
        <Link href={rotateHref} className="font-semibold underline">
          Rotate this key now
        </Link>
      </p>
    </NoticeBanner>
  );
}
