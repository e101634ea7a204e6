import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

const tones = {
  red: 'bg-red-50 text-red-900 ring-red-200',
  amber: 'bg-amber-50 text-amber-900 ring-amber-200',
} as const;

/**
 * A problem on the page the admin should act on, named by its heading (`id` labels it). `alert`
 * for news that must interrupt (a leak); otherwise a labelled region, found without being announced.
 */
export function NoticeBanner({ id, tone, icon: Icon, title, alert, children }: { id: string; tone: keyof typeof tones; icon: LucideIcon; title: string; alert?: boolean; children: ReactNode }) {
  const Element = alert ? 'div' : 'section';
  return (
    <Element role={alert ? 'alert' : undefined} aria-labelledby={id} className={cn('mb-6 flex gap-3 rounded-md px-4 py-3 text-sm ring-1', tones[tone])}>
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="space-y-1">
        <p id={id} className="font-semibold">
          {title}
        </p>
        {children}
      </div>
    </Element>
  );
}
