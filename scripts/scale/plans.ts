import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type postgres from 'postgres';

/**
 * The plans of the queries the app really runs, from Postgres's own auto_explain (a contrib module
 * shipped with the server): turned on for the benchmark database only, it writes every statement's
 * EXPLAIN (ANALYZE, BUFFERS) to the server log, which is read back from where this run started.
 */

export type LoggedPlan = { ms: number; plan: string; seqScans: string[] };

/** The server's log file: --pg-log, or Debian's default for the one cluster. */
export function serverLogFile(given?: string): string | null {
  if (given) return existsSync(given) ? given : null;
  const dir = '/var/log/postgresql';
  const found = existsSync(dir) ? readdirSync(dir).find((name) => /^postgresql-\d+-main\.log$/.test(name)) : undefined;
  return found ? `${dir}/${found}` : null;
}

export async function enableAutoExplain(sql: postgres.Sql, database: string, on: boolean): Promise<void> {
  const settings: [string, string][] = [
    ['session_preload_libraries', 'auto_explain'],
    ['auto_explain.log_min_duration', '0'],
    ['auto_explain.log_analyze', 'on'],
    ['auto_explain.log_buffers', 'on'],
    ['auto_explain.log_nested_statements', 'on'],
  ];
  for (const [name, value] of settings) {
    await sql.unsafe(on ? `alter database "${database}" set ${name} = '${value}'` : `alter database "${database}" reset ${name}`);
  }
}

export function logSize(file: string): number {
  return statSync(file).size;
}

/** The plans logged for `database` since byte `from`, one per statement, in the order they ran. */
export function plansSince(file: string, from: number, database: string): LoggedPlan[] {
  const text = readFileSync(file).subarray(from).toString('utf8');
  // Entries start with the log_line_prefix's timestamp; a plan's lines are tab-indented under its entry.
  const entries = text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
  const plans: LoggedPlan[] = [];
  for (const entry of entries) {
    const match = entry.match(/@(\S+) LOG: {2}duration: ([\d.]+) ms {2}plan:\n([\s\S]*)/);
    if (!match || match[1] !== database) continue;
    const plan = match[3].replace(/^\t/gm, '').trimEnd();
    const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]);
    plans.push({ ms: Number(match[2]), plan, seqScans });
  }
  return plans;
}

/** Sequential scans counted by the statistics collector, per table (a delta shows what a phase did). */
export async function seqScanCounts(sql: postgres.Sql): Promise<Map<string, number>> {
  const rows = await sql<{ relname: string; seq_scan: string }[]>`select relname, seq_scan from pg_stat_user_tables`;
  return new Map(rows.map((row) => [row.relname, Number(row.seq_scan)]));
}
