import Link from 'next/link';
import type { MatchingKey } from '@/db/queries/key-search';
import { routes } from '@/lib/routes';

export function keyLabel(key: Pick<MatchingKey, 'name' | 'hint' | 'deleted'>): string {
  return `${key.name} (${key.hint})${key.deleted ? ' (deleted)' : ''}`;
}

/** How many of the keys a search names are listed. */
const NAMED = 10;

/**
 * Which keys a log filtered by the Key box is about: a search can name several keys, and a key id
 * from a link names one by its id only. Nothing when the search names no key (the empty list says so).
 */
export function MatchingKeys({ keys: found, more: beyond, what }: { keys: MatchingKey[]; more: boolean; what: string }) {
  if (found.length === 0) return null;
  const keys = found.slice(0, NAMED);
  const more = beyond || found.length > NAMED;
  return (
    <p className="mb-2 text-sm text-slate-600">
      {what} for {keys.length === 1 && !more ? 'the key ' : 'the keys '}
      {keys.map((key, index) => (
        <span key={key.id}>
          {index > 0 && ', '}
          {key.deleted ? (
            <span className="font-medium text-slate-900">{keyLabel(key)}</span>
          ) : (
            <Link href={routes.apiKey(key.id)} className="font-medium text-brand-700 hover:underline">
              {keyLabel(key)}
            </Link>
          )}
        </span>
      ))}
      {more ? ' and others: type more of a name to narrow it down.' : '.'}
    </p>
  );
}
