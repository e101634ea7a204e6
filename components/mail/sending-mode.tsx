import { Inbox, Send } from 'lucide-react';

/** Says whether messages leave this machine (Resend) or are delivered only to the mailbox. */
export function SendingMode({ resendOn, from }: { resendOn: boolean; from: string }) {
  if (resendOn) {
    return (
      <p className="mb-6 flex items-start gap-2 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-800 ring-1 ring-slate-200">
        <Send aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-600" />
        <span>
          Messages are sent through Resend from <span className="font-medium">{from}</span>; this is a copy of each.
        </span>
      </p>
    );
  }
  return (
    <p className="mb-6 flex items-start gap-2 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <Inbox aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>
        <span className="font-medium">Sending is off:</span> messages stay in this mailbox and nothing leaves this machine. Set{' '}
        <code className="font-mono text-xs">RESEND_API_KEY</code> to send them through Resend.
      </span>
    </p>
  );
}
