import { Card } from '../ui/card';

/**
 * Both parts of a message. The HTML part is shown in a sandbox with no permissions at all: no
 * scripts, no forms, and an opaque origin, so nothing in a message can act on this page. That also
 * means this page cannot measure the message: the frame is tall enough for a notice, footer
 * included (a phone's narrower column runs longer), and the reader can drag it taller.
 */
export function MailBody({ subject, html, text }: { subject: string; html: string; text: string }) {
  return (
    <div className="space-y-6">
      <Card aria-labelledby="mail-html-title">
        <h2 id="mail-html-title" className="font-semibold">
          HTML
        </h2>
        <p className="text-sm text-slate-600">As a mail client shows it, with scripts turned off.</p>
        <iframe
          sandbox=""
          srcDoc={html}
          title={`HTML version of “${subject}”`}
          className="mt-3 block h-[48rem] w-full resize-y overflow-auto rounded-md bg-white ring-1 ring-slate-200 sm:h-[42rem]"
        />
      </Card>
      <Card aria-labelledby="mail-text-title">
        <h2 id="mail-text-title" className="font-semibold">
          Plain text
        </h2>
        <pre className="mt-3 overflow-x-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-4 font-mono text-sm text-slate-900 ring-1 ring-slate-200">
          {text}
        </pre>
      </Card>
    </div>
  );
}
