'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { FOCUS_ON_ARRIVAL } from '@/lib/focus-on-arrival';

/** Where the user already is and must not be pulled out of: an open dialog or menu. */
const POPUP = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]';
/** Once the user clicks or types, focus is theirs: a page that arrives later does not move it. */
const INTERACTIONS = ['pointerdown', 'keydown'] as const;

/** A part of the page still streaming in behind its skeleton (components/ui/skeleton.tsx). */
const LOADING = '[data-loading]';

/** The element the page marks, else its h1 once nothing is loading any more (the mark may be in what is still to come). */
function landingTarget(main: HTMLElement): HTMLElement | null {
  const marked = main.querySelector<HTMLElement>(`[${FOCUS_ON_ARRIVAL}]`);
  if (marked) return marked;
  return main.querySelector(LOADING) ? null : main.querySelector<HTMLElement>('h1');
}

/** Focus the new page put somewhere itself (a field, an open dialog or menu) stays there. */
function focusIsPlaced(main: HTMLElement): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return false;
  return main.contains(active) || active.closest(POPUP) !== null;
}

function focusLandingTarget(main: HTMLElement) {
  const target = landingTarget(main);
  if (!target || focusIsPlaced(main)) return;
  if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
  target.focus();
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
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const type of INTERACTIONS) document.removeEventListener(type, stop, true);
    };
    const land = () => {
      if (!landingTarget(main)) return;
      observer.disconnect();
      // A task later: a closing menu or dialog gives focus back to its trigger in a timeout of its own.
      timer = setTimeout(() => {
        stop();
        focusLandingTarget(main);
      });
    };
    // Behind a loading skeleton the heading (or the marked element) arrives when the page does.
    const observer = new MutationObserver(land);

    for (const type of INTERACTIONS) document.addEventListener(type, stop, true);
    observer.observe(main, { childList: true, subtree: true });
    land();
    return stop;
  }, [pathname]);

  return null;
}
