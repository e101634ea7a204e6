'use client';

import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from './ui/button';

export function CopyButton({ text, copiedMessage, label = 'Copy' }: { text: string; copiedMessage: string; label?: string }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast.success(copiedMessage);
    } catch {
      toast.error('Could not copy: select the text and copy it by hand');
    }
  }

  return (
    <Button variant="secondary" onClick={copy}>
      {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
      {label}
    </Button>
  );
}
