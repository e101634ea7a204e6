import type { ReactNode } from 'react';
import { Label } from './label';

/** A labelled control with its hint and error, wired for screen readers via aria-describedby. */
export function Field(props: { id: string; label: string; hint?: ReactNode; error?: string; optional?: boolean; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={props.id}>
        {props.label}
        {props.optional && <span className="ml-1 font-normal text-slate-500">(optional)</span>}
      </Label>
      {props.children}
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-xs text-slate-500">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="whitespace-pre-line text-sm text-red-700" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** Props for the control inside a Field: its id, invalid state and description ids. */
export function fieldControlProps(id: string, error: string | undefined, hasHint = false) {
  const describedBy = [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}
