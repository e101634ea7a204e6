'use client';

import { useEffect } from 'react';

/**
 * Takes `?<name>=` out of the address bar once the page has shown it, without a navigation (Next
 * keeps its router in step with history.replaceState): a reload or a bookmark of the page does
 * not mark the row again. Used for the list's "New" mark on the key just created.
 */
export function ForgetSearchParam({ name }: { name: string }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(name)) return;
    url.searchParams.delete(name);
    // `null` state: Next's patched replaceState then updates its router's URL too, so a later
    // refresh or action does not write the old address back.
    window.history.replaceState(null, '', url);
  }, [name]);
  return null;
}
