import Link from 'next/link';
import { SearchX, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card } from './ui/card';

/** What a list page shows instead of its table: an icon, a heading, and what to do next. */
export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children: ReactNode }) {
  return (
    <Card className="py-12 text-center">
      <Icon aria-hidden className="mx-auto size-10 text-slate-400" />
      <h2 className="mt-3 font-semibold">{title}</h2>
      <div className="mx-auto mt-1 max-w-sm text-sm text-slate-600">{children}</div>
    </Card>
  );
}

/** A filtered list that matched nothing: what to try instead, or a link that clears the filters. */
export function NoMatches({ title, tryInstead, clearHref, clearLabel }: { title: string; tryInstead: string; clearHref: string; clearLabel: string }) {
  return (
    <EmptyState icon={SearchX} title={title}>
      <p>
        Choose {tryInstead}, or{' '}
        <Link href={clearHref} className="font-medium text-brand-700 hover:underline">
          {clearLabel}
        </Link>
        .
      </p>
    </EmptyState>
  );
}
