import type { ComponentProps, CSSProperties, ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { columnLabelProperties } from '@/lib/column-labels';
import './table.css';

/** A standalone table reads as a card; one inside a card section leaves `card` off. */
const CARD = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200';

/** A column heading: its text, or its text and classes (alignment, say). The text also labels the column's cells on a phone. */
export type Column = string | { label: string; className?: string };

const columnParts = (column: Column) => (typeof column === 'string' ? { label: column, className: undefined } : column);

type TableProps = {
  /** The scroll region's name. */
  label: string;
  /** The table's accessible name. */
  caption: ReactNode;
  columns: Column[];
  card?: boolean;
  /** Rows become cards below `sm` (the default); a table of a few narrow columns (numbers) can stay a table. */
  stack?: boolean;
  /** Narrower cell padding, for a table of many columns that must fit a laptop's width. */
  dense?: boolean;
  compactHeader?: boolean;
  headerClassName?: string;
  className?: string;
  children: ReactNode;
};

/**
 * A real `<table>` with a caption (its accessible name) and its column headings, in a box that
 * scrolls sideways with a shadow on the edge that has more. The box is a focusable, named region
 * so keyboard users can scroll it; `relative` keeps the sr-only text of far-right cells inside the
 * box instead of widening the page. On a phone each row stacks as a card (table.css), every cell
 * under its column's heading, so nothing needs a sideways scroll there.
 */
export function Table({ label, caption, columns, card = false, stack = true, dense = false, compactHeader, headerClassName, className, children }: TableProps) {
  const labels = stack ? (columnLabelProperties(columns.map((column) => columnParts(column).label)) as CSSProperties) : undefined;
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn('table-scroll relative overflow-x-auto', card && CARD, className)}>
      {/* Explicit roles: a browser may drop a table's semantics once its parts are `display: block` (the cards). */}
      <table role="table" style={labels} className={cn('min-w-full divide-y divide-slate-200 text-left text-sm', stack && 'table-cards', dense && 'table-dense')}>
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className={cn('bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600', headerClassName)}>
          <tr role="row">
            {columns.map((column, index) => {
              const { label: heading, className: columnClass } = columnParts(column);
              return (
                <TableHead key={index} compact={compactHeader} className={columnClass}>
                  {heading}
                </TableHead>
              );
            })}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

// Rows start at the top: cells hold a line or several (a name and its description, a time and an IP).
export function TableBody({ children }: { children: ReactNode }) {
  return (
    <tbody role="rowgroup" className="divide-y divide-slate-100 align-top">
      {children}
    </tbody>
  );
}

export function TableRow(props: ComponentProps<'tr'>) {
  return <tr role="row" {...props} />;
}

type CellProps = { compact?: boolean };
const pad = (compact?: boolean) => (compact ? 'px-3 py-1.5' : 'px-4 py-3');

function TableHead({ compact, className, ...props }: ComponentProps<'th'> & CellProps) {
  return <th scope="col" role="columnheader" className={cn(compact ? 'px-3 py-2' : 'px-4 py-3', className)} {...props} />;
}

/** The cell that names its row (a key, a caller, a message): screen readers announce it with each cell, and it heads the row's card on a phone. */
export function TableRowHeader({ compact, className, ...props }: ComponentProps<'th'> & CellProps) {
  return <th scope="row" role="rowheader" className={cn(pad(compact), className)} {...props} />;
}

export function TableCell({ compact, className, ...props }: ComponentProps<'td'> & CellProps) {
  return <td role="cell" className={cn(pad(compact), className)} {...props} />;
}
