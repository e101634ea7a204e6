import type postgres from 'postgres';
import { countUsageRows, waitForUsageRows } from '../bench/db';
import type { Sample } from './traffic';

export type UsageCheck = { key: string; sent: number; written: number; lost: number };

/** Guarded answers the drill received for a target: each one must become a usage row. */
export const responsesOf = (samples: Sample[], target: string) => samples.filter((s) => s.target === target && s.status > 0).length;

/**
 * Waits until each key's rows stop growing (`quietMs` without a new one: longer than the
 * recorder's retry backoff, so a write that is still retrying after the outage gets its chance),
 * then compares them with the answers received. `written` may exceed `sent`: the server also
 * records calls whose answer the client never read (cut by a kill or a client timeout).
 */
export async function settleUsage(sql: postgres.Sql, keys: { label: string; id: string; sent: number }[], quietMs = 8_000): Promise<UsageCheck[]> {
  return Promise.all(
    keys.map(async ({ label, id, sent }) => {
      const written = await waitForUsageRows(sql, id, sent, quietMs, 120_000);
      return { key: label, sent, written, lost: Math.max(0, sent - written) };
    }),
  );
}

/** The rows now, without waiting (after the instances exited). */
export async function usageNow(sql: postgres.Sql, keys: { label: string; id: string; sent: number }[]): Promise<UsageCheck[]> {
  const counts = await countUsageRows(sql, keys.map((key) => key.id));
  return keys.map(({ label, id, sent }) => {
    const written = counts.get(id)!.rows;
    return { key: label, sent, written, lost: Math.max(0, sent - written) };
  });
}

export const usageLines = (title: string, checks: UsageCheck[]) =>
  checks.map((c) => `  ${title.padEnd(26)} ${c.key.padEnd(12)} sent ${String(c.sent).padStart(6)}  written ${String(c.written).padStart(6)}  lost ${c.lost}`);
