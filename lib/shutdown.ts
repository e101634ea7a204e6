/**
 * Work that must finish before the process exits (flush buffered usage rows, the mail outbox…).
 * Kept on globalThis because server.ts and Next's bundle load their own copies of this module.
 */
type Hook = { name: string; run: () => Promise<void>; last: boolean };
const globalForShutdown = globalThis as unknown as { __icShutdownHooks?: Map<string, Hook> };

function hooks(): Map<string, Hook> {
  globalForShutdown.__icShutdownHooks ??= new Map();
  return globalForShutdown.__icShutdownHooks;
}

/**
 * Registers (or replaces, by name) a hook; hooks run in registration order, those marked `last`
 * after all others (the mail outbox sends what the other hooks' flushes queued).
 */
export function onShutdown(name: string, run: () => Promise<void>, { last = false }: { last?: boolean } = {}): void {
  hooks().set(name, { name, run, last });
}

export async function runShutdownHooks(report: (name: string, error: unknown) => void): Promise<void> {
  const ordered = [...hooks().values()].sort((a, b) => Number(a.last) - Number(b.last));
  for (const hook of ordered) {
    try {
      await hook.run();
    } catch (error) {
      report(hook.name, error);
    }
  }
}
