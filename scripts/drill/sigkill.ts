import { setTimeout as sleep } from 'node:timers/promises';
import { countUsageRows, createBenchKey } from '../bench/db';
import type { DrillContext } from './context';
import { check, serverNotes, type ScenarioReport } from './report';
import { eventLines, perSecondTable, recovery, seconds, type DrillEvent } from './timeline';
import { startClock, startTraffic } from './traffic';
import { responsesOf, settleUsage, usageLines, usageNow } from './usage';

const LOAD_BEFORE_KILL_MS = 5_000;
const LOAD_AFTER_RESTART_MS = 3_000;
const ME = 'GET /me';

/**
 * kill -9 under load: 16 loops call /api/v1/me; the instance is killed (no drain), started again on
 * the same port and database while the loops keep calling (as a supervisor would restart it), and
 * the rows are counted once they stop growing (whatever the new instance replays included).
 */
export async function sigkill(context: DrillContext): Promise<ScenarioReport> {
  const { sql } = context;
  const first = await context.startInstance();
  const port = Number(new URL(first.baseUrl).port);
  const key = await createBenchKey(sql, 'sigkill');
  const clock = startClock();
  const events: DrillEvent[] = [];
  const load = startTraffic({ targets: [{ name: ME, url: `${first.baseUrl}/api/v1/me`, headers: { 'x-api-key': key.key } }], concurrency: 16, clock });
  await sleep(LOAD_BEFORE_KILL_MS);

  const killAt = clock();
  first.kill();
  await first.exited;
  events.push({ at: killAt, label: 'kill -9' });
  const sentBeforeKill = load.samples.filter((s) => s.status > 0 && s.start < killAt).length;
  const rowsAtKill = (await countUsageRows(sql, [key.id])).get(key.id)!.rows;
  const inFlight = load.samples.filter((s) => s.status === 0 && s.start < killAt).length;

  events.push({ at: clock(), label: 'starting it again' });
  const second = await context.restartInstance(port);
  const upAt = clock();
  events.push({ at: upAt, label: 'restarted: answers /api/health' });
  let diedOnItsOwn = false;
  let stopping = false;
  void second.exited.then(() => (diedOnItsOwn = !stopping));
  await sleep(LOAD_AFTER_RESTART_MS);
  await load.stop();

  const keys = [{ label: 'me', id: key.id, sent: responsesOf(load.samples, ME) }];
  const settleFrom = clock();
  const settled = await settleUsage(sql, keys);
  const settledAfter = clock() - settleFrom;
  stopping = true;
  const exitCode = await second.stop();
  const atExit = await usageNow(sql, keys);
  const notes = serverNotes('restarted instance', second, diedOnItsOwn);
  const back = recovery(load.samples, ME, killAt);
  const lost = atExit[0].lost;

  const lines = [
    ...eventLines(events),
    '',
    ...perSecondTable(load.samples, [ME], events),
    '',
    `  before the kill: ${sentBeforeKill} answers received, ${rowsAtKill} rows committed at the kill, ${inFlight} calls cut by it`,
    `  first ok answer ${seconds(back.firstOkAfter ?? NaN)} after the kill (start-up complete after ${seconds(upAt - killAt)}); rows settled ${seconds(settledAfter)} after the load stopped`,
    ...usageLines('usage rows, settled:', settled),
    ...usageLines('usage rows, after exit:', atExit),
    `  written − committed at the kill: ${atExit[0].written - rowsAtKill} rows (the restarted instance's own and any it replayed)`,
    `  restarted instance exit code after SIGTERM: ${exitCode}`,
    ...notes.lines,
  ];
  return {
    scenario: 'sigkill',
    lines,
    targets: [check('usage rows after kill -9 and restart: every answered call written', `${lost} lost of ${keys[0].sent} (${sentBeforeKill} answered before the kill, ${rowsAtKill} rows then)`, lost === 0)],
    figures: { sentBeforeKill, rowsAtKill, cutByKill: inFlight, restartMs: Math.round(upAt - killAt), firstOkAfterKillMs: back.firstOkAfter, usage: { settled, atExit }, exitCode, server: notes.figures },
  };
}
