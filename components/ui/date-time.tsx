import { formatUtc } from '@/lib/format';

/** Server-rendered in UTC so every admin reads the same time (and hydration never differs). */
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{formatUtc(value)}</time>;
}
