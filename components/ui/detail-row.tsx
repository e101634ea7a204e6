import type { ReactNode } from 'react';
import { Card } from './card';

const LAYOUT = {
  third: { row: 'sm:grid-cols-3', value: 'sm:col-span-2' },
  quarter: { row: 'sm:grid-cols-4', value: 'sm:col-span-3' },
} as const;

/** One term and its value in a description list (`<dl>`); the term takes a third or a quarter of the width. */
export function DetailRow({ term, children, termWidth = 'third' }: { term: string; children: ReactNode; termWidth?: keyof typeof LAYOUT }) {
  const layout = LAYOUT[termWidth];
  return (
    <div className={`py-3 sm:grid sm:gap-4 ${layout.row}`}>
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className={`mt-1 text-sm text-slate-900 [overflow-wrap:anywhere] sm:mt-0 ${layout.value}`}>{children}</dd>
    </div>
  );
}

/** A card of `DetailRow`s under a heading that names it (a region for screen readers). */
export function DetailList({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card aria-labelledby={id}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      <dl className="mt-2 divide-y divide-slate-100">{children}</dl>
    </Card>
  );
}
