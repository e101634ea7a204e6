import type { ReactNode } from 'react';
import { Breadcrumbs, type Crumb } from './breadcrumbs';

export function PageHeader(props: { crumbs: Crumb[]; title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6">
      <Breadcrumbs items={props.crumbs} />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
          {props.description && <p className="mt-1 max-w-2xl text-sm text-slate-600">{props.description}</p>}
        </div>
        {props.actions && <div className="flex shrink-0 gap-2">{props.actions}</div>}
      </div>
    </div>
  );
}
