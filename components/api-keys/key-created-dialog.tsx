'use client';

import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { CopyButton } from '../copy-button';
import { Button } from '../ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../ui/dialog';
import { Label } from '../ui/label';

/**
 * Shows a new secret exactly once. The key lives only in this component's state: closing the
 * dialog drops it, and nothing on the server can show it again.
 */
export function KeyCreatedDialog(props: { title: string; apiKey: string | null; keyName: string; note?: ReactNode; onDone: () => void }) {
  return (
    <Dialog open={props.apiKey !== null} onOpenChange={(open) => !open && props.onDone()}>
      {/* Only Done/Close dismiss it: a stray click or Escape must not throw away the only copy. */}
      <DialogContent onPointerDownOutside={(event) => event.preventDefault()} onEscapeKeyDown={(event) => event.preventDefault()}>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogDescription>
          Your new key for <strong>{props.keyName}</strong> is ready. Store it somewhere safe, such as your integration&apos;s secret
          settings.
        </DialogDescription>
        {props.note && <p className="mt-2 text-sm text-slate-600">{props.note}</p>}
        <p role="note" className="mt-4 flex gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          This key will not be shown again. If you lose it, rotate the key or create a new one.
        </p>
        <div className="mt-4 space-y-1.5">
          <Label htmlFor="created-api-key">API key</Label>
          <div className="flex gap-2">
            <input
              id="created-api-key"
              readOnly
              value={props.apiKey ?? ''}
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-slate-300"
              spellCheck={false}
              autoComplete="off"
            />
            <CopyButton text={props.apiKey ?? ''} copiedMessage="API key copied to the clipboard" />
          </div>
        </div>
        <div className="mt-6 flex justify-end">
          <Button onClick={props.onDone}>Done</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
