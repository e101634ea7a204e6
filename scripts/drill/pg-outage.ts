import { setTimeout as sleep } from 'node:timers/promises';
import { createBenchKey } from '../bench/db';
import { adminCookie, adminPage, disableKeyAction } from './admin';
import type { DrillContext } from './context';
import { check, serverNotes, type ScenarioReport } from './report';
import { eventLines, latencySummary, maxLatency, overlapping, perSecondTable, recovery, seconds, startedIn, tally, type DrillEvent } from './timeline';
import { call, startClock, startProbe, startTraffic, type Target } from './traffic';
import { responsesOf, settleUsage, usageLines, usageNow } from './usage';

const WARM_UP_MS = 8_000;
// Load that leaves the server some headroom (16 loops by default): a saturated server is slow with
// or without Postgres.
const PAUSE_MS = 40;
const PROBE_EVERY_MS = 500;
const AFTER_MS = 15_000;
const LIMIT_MS = 2_000;
const ME = 'GET /me';
const PROJECTS = 'GET /projects';

/**
 * Postgres down for `--outage-seconds` under load: `--loops` loops (40 ms between calls) call
 * /api/v1/me (a warm key: memory only) and /api/v1/projects (a query on every call). Probes every
 * 500 ms: /api/v1/projects whatever is still waiting; the admin's API Keys page and Disable on a
 * spare key (a server action) when their previous call has answered. All three fire once more
 * the moment Postgres accepts connections again.
 */
export async function pgOutage(context: DrillContext, { loops }: { loops: number }): Promise<ScenarioReport> {
  const { cluster, sql, outageSeconds } = context;
  const server = await context.startInstance();
  let stopping = false;
  let diedOnItsOwn = false;
  void server.exited.then(() => (diedOnItsOwn = !stopping));
  const [meKey, projectsKey, spareKey] = await Promise.all(['me', 'projects', 'spare'].map((label) => createBenchKey(sql, `outage ${label}`)));
  const cookie = await adminCookie(sql, context.authSecret);
  const api = (name: string, path: string, key: string): Target => ({ name, url: `${server.baseUrl}${path}`, headers: { 'x-api-key': key } });

  const adminTargets = [adminPage(server.baseUrl, cookie), disableKeyAction(server.baseUrl, cookie, spareKey.id)];
  // A first render loads the page's code: not what the outage costs.
  for (const target of adminTargets) await call(target, startClock());
  const clock = startClock();
  const events: DrillEvent[] = [];
  const load = startTraffic({ targets: [api(ME, '/api/v1/me', meKey.key), api(PROJECTS, '/api/v1/projects', projectsKey.key)], concurrency: loops, pauseMs: PAUSE_MS, clock });
  const probe = startProbe({ targets: [api(PROJECTS, '/api/v1/projects', projectsKey.key)], everyMs: PROBE_EVERY_MS, clock });
  const admin = startProbe({ targets: adminTargets, everyMs: PROBE_EVERY_MS, clock, maxPending: 1 });
  await sleep(WARM_UP_MS);

  events.push({ at: clock(), label: 'pg_ctl stop -m fast' });
  await cluster.stop('fast');
  const downAt = clock();
  events.push({ at: downAt, label: 'Postgres is down' });
  await sleep(Math.max(0, outageSeconds * 1000 - (downAt - events[0].at)));
  const startAt = clock();
  events.push({ at: startAt, label: 'pg_ctl start' });
  await cluster.start();
  const upAt = clock();
  probe.fireNow();
  admin.fireNow();
  events.push({ at: upAt, label: 'Postgres accepts connections' });
  await sleep(AFTER_MS);
  await Promise.all([load.stop(), probe.stop(), admin.stop()]);
  const samples = [...load.samples, ...probe.samples, ...admin.samples];

  // During the outage: calls started while Postgres was down, and every call it held up.
  const outageCalls = startedIn(samples, PROJECTS, downAt, startAt);
  // A call begun while Postgres was down either fails fast with a retryable 503, or succeeds because
  // Postgres came back while it waited: both answered within the limit. Anything else is a miss.
  const quick503 = outageCalls.filter((s) => s.status === 503 && s.code === 'service_unavailable' && s.retryAfter !== null && s.end - s.start <= LIMIT_MS);
  const servedOnReturn = outageCalls.filter((s) => s.status === 200 && s.end >= upAt && s.end - s.start <= LIMIT_MS);
  const inTime = quick503.length + servedOnReturn.length;
  const longest = maxLatency(overlapping(samples, PROJECTS, events[0].at, upAt));
  const longestMe = maxLatency(overlapping(samples, ME, events[0].at, upAt));
  // What the same calls cost with Postgres up (after 2 s of warm-up): recovery times compare with these.
  const beforeOutage = Object.fromEntries([ME, PROJECTS, 'admin page', 'admin action'].map((t) => [t, latencySummary(startedIn(samples, t, 2_000, events[0].at))]));
  const recovered = Object.fromEntries([PROJECTS, ME, 'admin page', 'admin action'].map((target) => [target, recovery(samples, target, upAt)]));

  const keys = [
    { label: 'me', id: meKey.id, sent: responsesOf(samples, ME) },
    { label: 'projects', id: projectsKey.id, sent: responsesOf(samples, PROJECTS) },
  ];
  const settled = await settleUsage(sql, keys);
  stopping = true;
  const exitCode = await server.stop();
  const atExit = await usageNow(sql, keys);
  const notes = serverNotes('instance', server, diedOnItsOwn);

  const within = (r: ReturnType<typeof recovery>) => r.firstOkAfter !== null && r.firstOkAfter <= LIMIT_MS;
  const first = recovered[PROJECTS].firstCall;
  const lines = [
    `  Postgres down ${seconds(startAt - downAt)} (stop took ${seconds(downAt - events[0].at)}, start ${seconds(upAt - startAt)}); load: ${loops} loops, ${PAUSE_MS} ms between calls; probes every ${PROBE_EVERY_MS} ms`,
    ...eventLines(events),
    '',
    ...perSecondTable(samples, [ME, PROJECTS, 'admin page', 'admin action'], events),
    '',
    `  before the outage: ${Object.entries(beforeOutage).map(([target, summary]) => `${target} ${summary}`).join('; ')}`,
    `  ${PROJECTS} started while down: ${tally(outageCalls)}`,
    `    answered within 2 s: ${inTime}/${outageCalls.length} (503 service_unavailable + Retry-After: ${quick503.length}; 200 once Postgres was back: ${servedOnReturn.length}); longest call in flight during the outage: ${Math.round(longest)} ms`,
    `  ${ME} started while down: ${tally(startedIn(samples, ME, downAt, startAt))}; longest: ${Math.round(longestMe)} ms`,
    `  after Postgres was back (ms from "accepts connections"): ${Object.entries(recovered)
      .map(([target, r]) => `${target}: first ok ${r.firstOkAfter ?? 'never'}, all ok from ${r.steadyAfter ?? 'never'}`)
      .join('; ')}`,
    `  first ${PROJECTS} call started after: ${first ? `${first.status} in ${first.ms} ms` : 'none'}`,
    ...usageLines('usage rows, settled:', settled),
    ...usageLines('usage rows, after exit:', atExit),
    `  instance exit code after SIGTERM: ${exitCode}`,
    ...notes.lines,
  ];
  const lost = atExit.reduce((sum, c) => sum + c.lost, 0);
  return {
    scenario: 'pg-outage',
    lines,
    targets: [
      check('DB call while Postgres is down → 503 service_unavailable + Retry-After within 2 s, every time', `${inTime}/${outageCalls.length} of the calls started while down (${servedOnReturn.length} of them 200 once it was back); longest call in flight ${Math.round(longest)} ms`, outageCalls.length > 0 && inTime === outageCalls.length),
      check('first DB call after Postgres returns succeeds within 2 s', `first ok after ${recovered[PROJECTS].firstOkAfter ?? 'never'} ms`, within(recovered[PROJECTS])),
      check('admin page works again within 2 s', `first ok after ${recovered['admin page'].firstOkAfter ?? 'never'} ms`, within(recovered['admin page'])),
      check('admin action works again within 2 s', `first ok after ${recovered['admin action'].firstOkAfter ?? 'never'} ms`, within(recovered['admin action'])),
      check('usage rows: every answered call written', `${lost} lost of ${keys.reduce((sum, k) => sum + k.sent, 0)}`, lost === 0),
      check('instance survives the outage', diedOnItsOwn ? 'died' : 'stayed up', !diedOnItsOwn),
    ],
    figures: {
      outageMs: Math.round(startAt - downAt),
      beforeOutage,
      duringOutage: { calls: outageCalls.length, quick503: quick503.length, servedOnReturn: servedOnReturn.length, longestMs: Math.round(longest), longestMeMs: Math.round(longestMe), me: tally(startedIn(samples, ME, downAt, startAt)) },
      recovery: recovered,
      usage: { settled, atExit },
      exitCode,
      server: notes.figures,
    },
  };
}
