import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningServer } from '../bench/server';
import { createBenchKey } from '../bench/db';
import { adminCookie, disableKeyAction } from './admin';
import type { DrillContext } from './context';
import { check, serverNotes, type ScenarioReport } from './report';
import { eventLines, isOk, maxLatency, perSecondTable, recovery, seconds, startedIn, tally, type DrillEvent } from './timeline';
import { call, startClock, startTraffic, type Clock, type Sample } from './traffic';

const STALE_LIMIT_MS = 60_000;
// The loops sample every few ms; the listener's own check may take a moment: 2 s of slack.
const STALE_SLACK_MS = 2_000;
const REFUSE_LIMIT_MS = 1_000;
const WAIT_FOR_REFUSAL_MS = 30_000;
const ME_B = 'B: GET /me';

/**
 * Stale keys. Two instances A and B on one database, loops calling /api/v1/me on both with a warm
 * key. (1) Postgres down `staleSeconds`: how long B keeps answering from its cache while its
 * LISTEN connection is gone. (2) `restarts` times: a fresh key warm on both, Postgres restarted,
 * the key disabled through A's Disable action as soon as Postgres accepts connections; how long
 * after that commit B still accepts the key (its first 401 key_disabled).
 */
export async function staleKeys(context: DrillContext, { staleSeconds, restarts }: { staleSeconds: number; restarts: number }): Promise<ScenarioReport> {
  const { cluster, sql } = context;
  const [a, b] = await Promise.all([context.startInstance(), context.startInstance()]);
  const died = { a: false, b: false, stopping: false };
  void a.exited.then(() => (died.a = !died.stopping));
  void b.exited.then(() => (died.b = !died.stopping));
  const cookie = await adminCookie(sql, context.authSecret);
  const key = await createBenchKey(sql, 'stale');
  const me = (server: RunningServer, name: string, secret: string) => ({ name, url: `${server.baseUrl}/api/v1/me`, headers: { 'x-api-key': secret } });
  const clock = startClock();
  const events: DrillEvent[] = [];
  const load = startTraffic({ targets: [me(a, 'A: GET /me', key.key), me(b, ME_B, key.key)], concurrency: 8, pauseMs: 20, clock });
  await sleep(3_000);

  // (1) How long is a cached key served while nothing can tell the instance it changed?
  events.push({ at: clock(), label: 'pg_ctl stop -m fast' });
  await cluster.stop('fast');
  const downAt = clock();
  events.push({ at: downAt, label: 'Postgres is down' });
  await sleep(staleSeconds * 1000);
  const startAt = clock();
  await cluster.start();
  const upAt = clock();
  events.push({ at: upAt, label: 'Postgres accepts connections' });
  await sleep(5_000);
  const whileDown = startedIn(load.samples, ME_B, downAt, startAt);
  const served = whileDown.filter(isOk);
  const staleMs = served.length > 0 ? Math.max(...served.map((s) => s.start)) - downAt : 0;
  const afterStale = whileDown.filter((s) => s.start > downAt + staleMs);
  const refusedAfter = afterStale.length > 0 && afterStale.every((s) => s.status === 503 && s.code === 'service_unavailable');
  const back = recovery(load.samples, ME_B, upAt);

  // (2) A change committed right after a restart, while B's LISTEN may not be back yet.
  const rounds = [];
  for (let round = 1; round <= restarts; round++) rounds.push(await restartAndDisable(context, { a, b, cookie, clock, events, round }));
  await load.stop();
  died.stopping = true;
  await context.stopInstances();
  const notes = [serverNotes('instance A', a, died.a), serverNotes('instance B', b, died.b)];

  const measured = staleSeconds * 1000 >= STALE_LIMIT_MS + STALE_SLACK_MS;
  const late = (r: Round) => Math.max(r.refusedAfterCommit ?? Infinity, r.acceptedAfterCommit.lastMs ?? 0);
  const worst = rounds.reduce((max, r) => Math.max(max, late(r)), 0);
  const lines = [
    ...eventLines(events),
    '',
    ...perSecondTable(load.samples, ['A: GET /me', ME_B], events, 0, startAt + 6_000),
    '',
    `  (1) Postgres down ${seconds(startAt - downAt)}: B answered ${tally(whileDown)}`,
    `      served from its cache until ${seconds(staleMs)} after Postgres went down; after that: ${tally(afterStale)}`,
    `      after Postgres was back: first ok ${back.firstOkAfter ?? 'never'} ms, all ok from ${back.steadyAfter ?? 'never'} ms`,
    `  (2) restart Postgres, press Disable on A at once, watch B (+ms after Postgres accepted connections):`,
    ...rounds.map(
      (r) =>
        `      round ${r.round}: A's action sent +${r.sentAfterUp}, committed +${r.commitAfterUp ?? '–'} (A answered ${r.attempts}); ` +
        `B's first 401 key_disabled ${r.refusedAfterCommit ?? `none within ${WAIT_FOR_REFUSAL_MS}`} after the commit (a call of ${r.refusingCallMs ?? '–'}); ` +
        `B still accepted it in ${r.acceptedAfterCommit.calls} calls begun after the commit${r.acceptedAfterCommit.lastMs === null ? '' : `, the last ${r.acceptedAfterCommit.lastMs} after it`}; ` +
        `B's answers from the commit to the refusal: ${r.bUntilRefusal}`,
    ),
    ...notes.flatMap((n) => n.lines),
  ];
  return {
    scenario: 'stale',
    lines,
    targets: [
      check(
        'while LISTEN is down a cached key is served at most ~60 s, then 503',
        measured ? `served ${seconds(staleMs)}, then ${tally(afterStale)}` : `not measured: Postgres was down ${staleSeconds} s (needs over 62)`,
        measured && staleMs <= STALE_LIMIT_MS + STALE_SLACK_MS && refusedAfter,
      ),
      check(
        'after a restart, a key disabled through A is refused by B within 1 s of the commit',
        rounds.map((r) => (r.refusedAfterCommit === null ? 'never' : `${late(r)} ms`)).join(', '),
        rounds.length > 0 && worst <= REFUSE_LIMIT_MS,
      ),
    ],
    figures: { stale: { downMs: Math.round(startAt - downAt), servedMs: Math.round(staleMs), whileDown: tally(whileDown), after: tally(afterStale), recovery: back }, rounds, servers: notes.map((n) => n.figures) },
  };
}

type Round = {
  round: number;
  /** All in ms: when A's action was sent and when its transaction committed, after Postgres accepted connections. */
  sentAfterUp: number;
  commitAfterUp: number | null;
  /** A's answers until one was ok (it retries for 10 s). */
  attempts: string;
  /** B's first 401 key_disabled answer, after the commit, and how long that call took. */
  refusedAfterCommit: number | null;
  refusingCallMs: number | null;
  /** B's 200s for calls begun after the commit, and how long after it the last one began. */
  acceptedAfterCommit: { calls: number; lastMs: number | null };
  /** What B answered to calls in flight from the commit until its first refusal, and the longest of them. */
  bUntilRefusal: string;
};

/** When the transaction that disabled the key committed (track_commit_timestamp), on the drill's clock. */
async function commitOfDisable(context: DrillContext, keyId: string, clock: Clock): Promise<number | null> {
  const [row] = await context.sql<{ at: number | null }[]>`
    select (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::float8 as at from audit_log
    where api_key_id = ${keyId} and action = 'api_key.disabled' order by created_at desc limit 1`;
  return row?.at ? clock.fromWall(row.at) : null;
}

async function restartAndDisable(
  context: DrillContext,
  { a, b, cookie, clock, events, round }: { a: RunningServer; b: RunningServer; cookie: string; clock: Clock; events: DrillEvent[]; round: number },
): Promise<Round> {
  const key = await createBenchKey(context.sql, `stale round ${round}`);
  const watch = (server: RunningServer, name: string) => ({ name, url: `${server.baseUrl}/api/v1/me`, headers: { 'x-api-key': key.key } });
  // Both instances hold the key in their caches before the restart; B is watched every few ms.
  const warm = startTraffic({ targets: [watch(a, 'A: round key')], concurrency: 1, pauseMs: 50, clock });
  const onB = startTraffic({ targets: [watch(b, 'B: round key')], concurrency: 1, pauseMs: 2, clock });
  await sleep(2_000);
  events.push({ at: clock(), label: `round ${round}: restart Postgres` });
  await context.cluster.stop('fast');
  await context.cluster.start();
  const upAt = clock();
  events.push({ at: upAt, label: `round ${round}: Postgres up, Disable through A` });
  const action = disableKeyAction(a.baseUrl, cookie, key.id);
  const sentAt = clock();
  const answers: Sample[] = [];
  do answers.push(await call(action, clock));
  while (!isOk(answers.at(-1)!) && clock() - sentAt < 10_000);
  const answered = answers.at(-1)!;
  events.push({ at: answered.end, label: `round ${round}: A answered the action (${isOk(answered) ? 'ok' : answered.code})` });
  const deadline = clock() + WAIT_FOR_REFUSAL_MS;
  const refusal = () => onB.samples.find((s) => s.status === 401 && s.code === 'key_disabled');
  while (isOk(answered) && !refusal() && clock() < deadline) await sleep(20);
  await Promise.all([warm.stop(), onB.stop()]);
  const commitAt = isOk(answered) ? await commitOfDisable(context, key.id, clock) : null;
  const refused = refusal();
  const accepted = commitAt === null ? [] : onB.samples.filter((s) => isOk(s) && s.start >= commitAt);
  const untilRefusal = commitAt === null ? [] : onB.samples.filter((s) => s.end >= commitAt && (!refused || s.start < refused.start));
  return {
    round,
    sentAfterUp: Math.round(sentAt - upAt),
    commitAfterUp: commitAt === null ? null : Math.round(commitAt - upAt),
    attempts: tally(answers),
    refusedAfterCommit: refused && commitAt !== null ? Math.round(refused.end - commitAt) : null,
    refusingCallMs: refused ? Math.round(refused.end - refused.start) : null,
    acceptedAfterCommit: { calls: accepted.length, lastMs: accepted.length > 0 ? Math.round(Math.max(...accepted.map((s) => s.start)) - commitAt!) : null },
    bUntilRefusal: untilRefusal.length > 0 ? `${tally(untilRefusal)} (longest ${Math.round(maxLatency(untilRefusal))} ms)` : 'none',
  };
}
