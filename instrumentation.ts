/**
 * Next runs register() once per server process, before the first request. Background work starts
 * here, inside Next's server runtime; server.ts drains it on shutdown (lib/process-state.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { sanitizeConsoleErrors } = await import('./lib/safe-error');
    sanitizeConsoleErrors();
    const { startBackgroundWork } = await import('./lib/background-work');
    startBackgroundWork();
  }
}
