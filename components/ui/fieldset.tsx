import type { ReactNode } from 'react';

/** A radio's label drawn as a pill; the checked one is highlighted (native radios: arrow keys move). */
export const radioPillClass =
  'flex cursor-pointer items-center gap-2 whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-700 has-[:checked]:ring-brand-600';

/** A group of controls with a legend, a hint and the group's error, both read out with the group. */
export function Fieldset({ id, legend, hint, error, children }: { id: string; legend: string; hint: ReactNode; error?: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <p id={`${id}-hint`} className="-mt-1 text-xs text-slate-500">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
