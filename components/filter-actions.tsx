import Link from 'next/link';
import { Button } from './ui/button';

/** The buttons of a GET filter form: apply, and clear (back to `clearHref`) while a filter is on. */
export function FilterActions({ label, filtered, clearHref }: { label: string; filtered: boolean; clearHref: string }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" variant="secondary">
        {label}
      </Button>
      {filtered && (
        <Link href={clearHref} className="text-sm font-medium text-brand-700 hover:underline">
          Clear
        </Link>
      )}
    </div>
  );
}
