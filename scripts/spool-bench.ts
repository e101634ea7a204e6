/**
 * `npm run bench:spool`: what the usage spool costs per row, in CPU, on its own.
 *
 * The whole-server bench (`npm run bench`) moves by more than this between runs on a shared
 * machine, so this measures the spool in isolation: process CPU time (user + system, so the
 * write(2) counts) to record N usage rows, without and with the spool, alternating the variants
 * over several rounds and taking each one's median.
 * - `memory only`: normalising the row (what record() did before the spool);
 * - `spool, 1 row per turn`: plus the spool, each row in an event-loop turn of its own, so each
 *   has a write(2) of its own (a lightly loaded server);
 * - `spool, 20 rows per turn`: the rows of one turn share one write (a loaded server answers
 *   several requests per turn; the bench's 50 connections, up to 50).
 * Each variant also marks its rows written in batches of 500 (the spool deletes full segments).
 *
 * Options: --rows <per round, 50000> --rounds <5>. The spool lives in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

process.env.LOG_LEVEL ??= 'warn';
const { normalizeUsageRecord } = await import('../lib/api/usage-record');
const { openUsageSpool } = await import('../lib/api/usage-spool');
const { usageRecord } = await import('../lib/api/__fixtures__/usage');
const { endOfTurn } = await import('../lib/api/__fixtures__/spool');

const { values } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '5' } } });
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);

// A row as the guard reports it (the tests' fixture: pure, no database).
const record = () => usageRecord(crypto.randomUUID(), crypto.randomUUID());

type Variant = { name: string; perTurn: number; spool: boolean };
const variants: Variant[] = [
  { name: 'memory only', perTurn: 1, spool: false },
  { name: 'spool, 1 row per turn', perTurn: 1, spool: true },
  { name: 'spool, 20 rows per turn', perTurn: 20, spool: true },
];

/** CPU µs per row for one round of one variant. */
async function round(variant: Variant, root: string): Promise<number> {
  const spool = variant.spool ? openUsageSpool({ root, maxBytes: 1 << 30, onBacklog: () => {} }) : null;
  const inputs = Array.from({ length: ROWS }, record);
  const before = process.cpuUsage();
  for (let i = 0; i < ROWS; i++) {
    const row = normalizeUsageRecord(inputs[i]);
    spool?.keep(row);
    // End of the event-loop turn: the spool writes what the turn recorded.
    if ((i + 1) % variant.perTurn === 0) await endOfTurn();
    if ((i + 1) % 500 === 0) spool?.done(500);
  }
  const used = process.cpuUsage(before);
  spool?.close();
  return (used.user + used.system) / ROWS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const root = mkdtempSync(path.join(tmpdir(), 'ic-spool-bench-'));
try {
  const results = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (const variant of variants) await round(variant, root); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const variant of variants) results.get(variant.name)!.push(await round(variant, root));
  }
  const base = median(results.get('memory only')!);
  console.log(`spool bench: Node ${process.version}, ${ROWS} rows × ${ROUNDS} rounds, spool in ${tmpdir()}`);
  for (const variant of variants) {
    const all = results.get(variant.name)!;
    const m = median(all);
    const added = variant.spool ? `  (+${(m - base).toFixed(2)} µs over memory only)` : '';
    console.log(`  ${variant.name.padEnd(26)} ${m.toFixed(2).padStart(6)} µs CPU per row, median; rounds ${all.map((v) => v.toFixed(2)).join(' ')}${added}`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
