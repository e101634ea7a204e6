'use client';

import type { LucideIcon } from 'lucide-react';
import { useState, useTransition, type ComponentProps, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from './dialog';

type Props = {
  /** The button that opens the dialog: its icon, text and look. */
  trigger: { icon: LucideIcon; label: string; variant?: ComponentProps<typeof Button>['variant'] };
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  variant?: 'primary' | 'danger';
  confirmDisabled?: boolean;
  /** Resolves true when done (the dialog closes), false to stay open (e.g. to show an error). */
  onConfirm: () => Promise<boolean>;
  onOpenChange?: (open: boolean) => void;
  /** Open when first shown, e.g. when a link asked for this action. */
  defaultOpen?: boolean;
  children?: ReactNode;
};

/** Asks before acting; the confirm button shows progress and cannot be pressed twice. */
export function ConfirmDialog(props: Props) {
  const { icon: Icon, label, variant = 'secondary' } = props.trigger;
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const [pending, startTransition] = useTransition();

  function changeOpen(next: boolean) {
    if (pending) return;
    setOpen(next);
    props.onOpenChange?.(next);
  }

  function confirm() {
    startTransition(async () => {
      if (await props.onConfirm()) changeOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button variant={variant}>
          <Icon aria-hidden className="size-4" /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogDescription asChild>
          <div>{props.description}</div>
        </DialogDescription>
        {props.children && <div className="mt-4 space-y-4">{props.children}</div>}
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => changeOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant={props.variant ?? 'primary'} onClick={confirm} disabled={pending || props.confirmDisabled}>
            {pending ? props.pendingLabel : props.confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
