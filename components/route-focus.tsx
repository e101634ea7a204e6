'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { FOCUS_ON_ARRIVAL } from '@/lib/focus-on-arrival';

function landingTarget(main: HTMLElement): HTMLElement | null {
  return main.querySelector<HTMLElement>(`[${FOCUS_ON_ARRIVAL}]`) ?? main.querySelector<HTMLElement>('h1');
}

/** Focus the new page put somewhere itself (a field, an open dialog) stays there. */
function focusIsPlaced(main: HTMLElement): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return false;
  return main.contains(active) || active.closest('[role="dialog"], [role="alertdialog"]') !== null;
}

/**
 * After a client-side navigation the browser leaves focus where it was (often on <body>, as the
 * clicked link is gone), so keyboard users would start again from the top. This moves focus to
 * the new page's h1, or to the element the page marks. (Next's own route announcer already reads
 * the new title out.) The first render is the browser's own page load: focus is left alone.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const shown = useRef(pathname);

  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const main = document.getElementById('main');
    if (!main) return;

    let timer: ReturnType<typeof setTimeout> | undefined;
    const land = (): boolean => {
      if (!landingTarget(main)) return false;
      // A task later: a closing menu or dialog gives focus back to its trigger in a timeout of its own.
      timer = setTimeout(() => {
        const target = landingTarget(main);
        if (!target || focusIsPlaced(main)) return;
        if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
        target.focus();
      });
      return true;
    };
    if (land()) return () => clearTimeout(timer);

    // Behind a loading skeleton: the heading arrives when the page does, unless the user has
    // taken over in the meantime (a click or a key press), and then focus is theirs.
    const observer = new MutationObserver(() => land() && stop());
    const interactions = ['pointerdown', 'keydown'] as const;
    function stop() {
      observer.disconnect();
      for (const type of interactions) document.removeEventListener(type, stop, true);
    }
    observer.observe(main, { childList: true, subtree: true });
    for (const type of interactions) document.addEventListener(type, stop, true);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [pathname]);

  return null;
}
