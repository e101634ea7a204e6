import type { AllowIp } from '@/lib/api-keys/allow-ip';
import { cn } from '@/lib/cn';

const TONES = {
  info: 'bg-brand-50 text-slate-900 ring-brand-100',
  problem: 'bg-amber-50 text-amber-900 ring-amber-200',
} as const;

/** What Edit did with `?allowIp=` (the key page's "Allow …" link), above the form the admin still saves. */
function message(allow: AllowIp): { tone: keyof typeof TONES; text: string } {
  switch (allow.kind) {
    case 'added':
      return { tone: 'info', text: `${allow.ip} is added to the IP limits below. Nothing changes until you save; adding an address refuses no caller the key allows today.` };
    case 'already-allowed':
      return { tone: 'info', text: `${allow.ip} is already allowed by this key's IP limits; nothing was added.` };
    case 'any-address':
      return { tone: 'problem', text: 'This key already allows any address; nothing was added.' };
    case 'invalid':
      return { tone: 'problem', text: 'The address to allow is not a valid IPv4 or IPv6 address; the IP limits below are unchanged.' };
  }
}

export function AllowIpNote({ allow }: { allow: AllowIp }) {
  const { tone, text } = message(allow);
  return (
    <p role="status" className={cn('mb-5 max-w-2xl rounded-md px-3 py-2 text-sm ring-1', TONES[tone])}>
      {text}
    </p>
  );
}
