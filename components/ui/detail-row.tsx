import type { ReactNode } from 'react';

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
