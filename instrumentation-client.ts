import { config } from 'zod/v4/core';

// Zod compiles faster parsers with `new Function`, after probing whether eval is allowed; the
// pages' Content-Security-Policy forbids eval, so the probe only reports a violation. jitless: no
// probe, same results. Zod keeps this setting on globalThis, so the copy inside Scalar's bundle
// (the API reference) reads it too. Runs before hydration, before any schema parses.
config({ jitless: true });
