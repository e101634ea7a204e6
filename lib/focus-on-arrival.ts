/**
 * The attribute a page puts on the element focus should land on after a client-side navigation,
 * instead of the page's h1 (components/route-focus.tsx): the key just created, say. Here, not in
 * the client component, so server components can use the value itself.
 */
export const FOCUS_ON_ARRIVAL = 'data-focus-on-arrival';
