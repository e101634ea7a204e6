import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** A standalone table reads as a card; one inside a card section leaves `card` off. */
const CARD = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200';

/**
 * A real `<table>` with a caption (its accessible name) in a box that scrolls sideways. The box is
 * a focusable, named region so keyboard users can scroll it; `relative` keeps the sr-only text of
 * far-right cells inside the box instead of widening the page.
 */
export function Table({ label, caption, card = false, className, children }: { label: string; caption: ReactNode; card?: boolean; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn('relative overflow-x-auto', card && CARD, className)}>
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** A column heading: its text, or its text and classes (alignment, say). */
export type Column = string | { label: ReactNode; className?: string };

/** The column headings, in order. */
export function TableHeader({ columns, compact, className }: { columns: Column[]; compact?: boolean; className?: string }) {
  return (
    <thead className={cn('bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600', className)}>
      <tr>
        {columns.map((column, index) => {
          const { label, className: columnClass } = typeof column === 'string' ? { label: column, className: undefined } : column;
          return (
            <TableHead key={index} compact={compact} className={columnClass}>
              {label}
            </TableHead>
          );
        })}
      </tr>
    </thead>
  );
}

// Rows start at the top: cells hold a line or several (a name and its description, a time and an IP).
export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 align-top">{children}</tbody>;
}

export function TableRow(props: ComponentProps<'tr'>) {
  return <tr {...props} />;
}

type CellProps = { compact?: boolean };
const pad = (compact?: boolean) => (compact ? 'px-3 py-1.5' : 'px-4 py-3');

export function TableHead({ compact, className, ...props }: ComponentProps<'th'> & CellProps) {
  return <th scope="col" className={cn(compact ? 'px-3 py-2' : 'px-4 py-3', className)} {...props} />;
}

/** The cell that names its row (a key, a caller, a message): screen readers announce it with each cell. */
export function TableRowHeader({ compact, className, ...props }: ComponentProps<'th'> & CellProps) {
  return <th scope="row" className={cn(pad(compact), className)} {...props} />;
}

export function TableCell({ compact, className, ...props }: ComponentProps<'td'> & CellProps) {
  return <td className={cn(pad(compact), className)} {...props} />;
}
