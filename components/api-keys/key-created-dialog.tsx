'use client';

import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { withApiKey } from '@/lib/api/openapi/curl-example';
import { CopyButton } from '../copy-button';
import { Button } from '../ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../ui/dialog';
import { Label } from '../ui/label';

type Props = {
  title: string;
  apiKey: string | null;
  keyName: string;
  /** A curl command with `$API_KEY` where the key goes (lib/api/openapi/curl-example.ts), shown with the key filled in. */
  tryCommand?: string;
  /** A line under the description: what happened to the old secret, after a rotation. */
  note?: ReactNode;
  onDone: () => void;
};

/** Under the title: whose key it is, and what to do with it. */
function Ready({ keyName }: { keyName: string }) {
  return (
    <>
      Your new key for <strong>{keyName}</strong> is ready. Store it somewhere safe, such as your integration&apos;s secret settings.
    </>
  );
}

function ShownOnce() {
  return (
    <p role="note" className="mt-4 flex gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      This key will not be shown again. If you lose it, rotate the key or create a new one.
    </p>
  );
}

/**
 * The new key, whole: it wraps inside the field instead of running out of sight (up to 63
 * characters). `copy`: a Copy button, where a script runs to make it work.
 */
function KeyField({ apiKey, id, copy }: { apiKey: string; id: string; copy: boolean }) {
  return (
    <div className="mt-4 space-y-1.5">
      <Label htmlFor={id}>API key</Label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <textarea
          id={id}
          readOnly
          rows={2}
          value={apiKey}
          onFocus={(event) => event.currentTarget.select()}
          className="field-sizing-content block w-full resize-none break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-slate-300"
          spellCheck={false}
          autoComplete="off"
        />
        {copy && <CopyButton text={apiKey} copiedMessage="API key copied to the clipboard" />}
      </div>
    </div>
  );
}

/** A command that calls the API with the key as it is, to check it works before wiring it in. */
function TryIt({ command, id, copy }: { command: string; id: string; copy: boolean }) {
  return (
    <figure aria-labelledby={id} className="mt-4 space-y-1.5">
      <figcaption id={id} className="text-sm font-medium text-slate-900">
        Try it
      </figcaption>
      <pre className="whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{command}</pre>
      {copy && <CopyButton text={command} label="Copy command" copiedMessage="Command copied to the clipboard" />}
    </figure>
  );
}

/**
 * Shows a new secret exactly once. The key lives only in this component's state: closing the
 * dialog drops it, and nothing on the server can show it again.
 */
export function KeyCreatedDialog({ title, apiKey, keyName, note, tryCommand, onDone }: Props) {
  return (
    <Dialog open={apiKey !== null} onOpenChange={(open) => !open && onDone()}>
      {/* Only Done/Close dismiss it: a stray click or Escape must not throw away the only copy. */}
      <DialogContent
        className="max-h-[calc(100dvh-2rem)] overflow-y-auto"
        onPointerDownOutside={(event) => event.preventDefault()}
        onEscapeKeyDown={(event) => event.preventDefault()}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>
          <Ready keyName={keyName} />
        </DialogDescription>
        {note && <p className="mt-2 text-sm text-slate-600">{note}</p>}
        <ShownOnce />
        {apiKey !== null && <KeyField apiKey={apiKey} id="created-api-key" copy />}
        {apiKey !== null && tryCommand && <TryIt command={withApiKey(tryCommand, apiKey)} id="try-created-key" copy />}
        <div className="mt-6 flex justify-end">
          <Button onClick={onDone}>Done</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/**
 * The same key for a browser that runs no script at all, where the dialog cannot open: inside
 * <noscript>, so a page whose script runs never shows the key twice. Done is a plain link.
 */
export function KeyCreatedWithoutScript({ title, apiKey, keyName, tryCommand, doneHref }: { title: string; apiKey: string; keyName: string; tryCommand?: string; doneHref: string }) {
  return (
    <noscript>
      <section aria-labelledby="created-key-title" className="mb-6 rounded-lg bg-white p-6 shadow-sm ring-2 ring-brand-600">
        <h2 id="created-key-title" className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          <Ready keyName={keyName} />
        </p>
        <ShownOnce />
        <KeyField apiKey={apiKey} id="created-api-key-plain" copy={false} />
        {tryCommand && <TryIt command={withApiKey(tryCommand, apiKey)} id="try-created-key-plain" copy={false} />}
        <a href={doneHref} className="mt-6 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Done
        </a>
      </section>
    </noscript>
  );
}
