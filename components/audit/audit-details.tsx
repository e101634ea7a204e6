import { DateTime } from '../ui/date-time';
import { describeDetails, type DetailField, type DetailValue } from './describe-details';

/** A nested record inside a sentence ("old → new") is written out inline, as "Label: value; …". */
function InlineFields({ fields }: { fields: DetailField[] }) {
  return fields.map((field, index) => (
    <span key={field.key}>
      {index > 0 && '; '}
      {field.label}: <Value value={field.value} inline />
    </span>
  ));
}

function Value({ value, inline = false }: { value: DetailValue; inline?: boolean }) {
  switch (value.kind) {
    case 'none':
      return <span className="font-sans italic text-slate-500">none</span>;
    case 'text':
      return <span className="break-words">{value.text}</span>;
    case 'date':
      return <DateTime value={value.value} />;
    case 'list':
      return <span className="break-words">{value.items.join(', ')}</span>;
    case 'fields':
      return inline ? <InlineFields fields={value.fields} /> : <Fields fields={value.fields} nested />;
  }
}

function Fields({ fields, nested = false }: { fields: DetailField[]; nested?: boolean }) {
  return (
    <dl className={nested ? 'mt-0.5 space-y-0.5 border-l border-slate-200 pl-2' : 'space-y-0.5'}>
      {fields.map((field) => (
        <div key={field.key} className={field.value.kind === 'fields' ? undefined : 'flex flex-wrap gap-x-1'}>
          <dt className="text-slate-500">{field.label}:</dt>
          <dd className={field.mono ? 'font-mono text-slate-900' : 'text-slate-900'}>
            <Value value={field.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** An audit entry's details, readable: what changed (old → new), then the remaining facts. */
export function AuditDetails({ details }: { details: unknown }) {
  const { changes, fields } = describeDetails(details);
  if (changes.length === 0 && fields.length === 0) {
    return (
      <span className="text-slate-500">
        <span aria-hidden>—</span>
        <span className="sr-only">No details</span>
      </span>
    );
  }
  return (
    <div className="space-y-1.5 text-xs">
      {changes.length > 0 && (
        <ul aria-label="What changed" className="space-y-0.5">
          {changes.map((change) => (
            <li key={change.key}>
              <span className="font-medium text-slate-900">{change.label}:</span> <span className="sr-only">changed from</span>
              <span className={change.mono ? 'font-mono text-slate-600' : 'text-slate-600'}>
                <Value value={change.from} inline />
              </span>{' '}
              <span aria-hidden className="text-slate-400">
                →
              </span>
              <span className="sr-only">to</span>{' '}
              <span className={change.mono ? 'font-mono text-slate-900' : 'text-slate-900'}>
                <Value value={change.to} inline />
              </span>
            </li>
          ))}
        </ul>
      )}
      {fields.length > 0 && <Fields fields={fields} />}
    </div>
  );
}
