'use client';

import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

/**
 * The clock relative times read. The server renders with the request's time, which the browser
 * reuses while hydrating (so both render the same text); after that the browser's own clock takes
 * over and moves every relative time on together, and the reader's time zone becomes known.
 */
const RequestTime = createContext<number | null>(null);

export function ClockProvider({ now, children }: { now: number; children?: ReactNode }) {
  return <RequestTime value={now}>{children}</RequestTime>;
}

const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

// One timer for every time on the page, running only while one is shown.
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((notify) => notify()), TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
  };
}

// Whole ticks: the snapshot stays the same between ticks, as useSyncExternalStore requires.
// Rounded up, not down: floored, a call made seconds ago read as "in a moment" until the next tick.
const browserNow = () => Math.ceil(Date.now() / TICK_MS) * TICK_MS;
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const unknownTimeZone = () => null;
const never = () => () => {};

/** Now (the request's time until hydrated), and the reader's IANA time zone (null until then). */
export function useClock(): { now: number; timeZone: string | null } {
  const requestTime = useContext(RequestTime);
  const now = useSyncExternalStore(subscribe, browserNow, () => requestTime ?? browserNow());
  const timeZone = useSyncExternalStore(never, browserTimeZone, unknownTimeZone);
  return { now, timeZone };
}
