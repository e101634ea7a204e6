/**
 * `npm run drill`: the outage drills, on a throwaway PostgreSQL cluster this script starts and
 * removes itself (initdb under a temp dir, a free port; never the machine's main cluster), against
 * the production build started as `npm start` does. Scenarios (all by default, in this order):
 *
 *   pg-outage  Postgres down --outage-seconds under load: status codes per second, longest call,
 *              time to recover (API, admin page, admin action), usage rows sent vs written
 *   sigkill    kill -9 the instance under load, restart it: usage rows sent vs written
 *   stale      Postgres down --stale-seconds: how long cached keys are still served; then two
 *              instances, restart Postgres, disable a key through A at once: when B refuses it
 *   resend     the fake Resend answers 503 for --resend-seconds while notices are queued: each
 *              e-mail delivered exactly once
 *
 * Options: --only <scenario[,scenario]> --outage-seconds <15> --loops <16, pg-outage's API load;
 * 0 = none> --stale-seconds <75> --resend-seconds <60> --restarts <3> --build (rebuild first)
 * --json <file>.
 * Figures are reported, not asserted (the machine may be busy): the exit code is non-zero only
 * if the drill itself failed. Results and method: RELIABILITY.md.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureBuild } from './bench/server';
import { createDrillContext, type DrillContext } from './drill/context';
import { pgOutage } from './drill/pg-outage';
import { printReports, type ScenarioReport } from './drill/report';
import { resendOutage } from './drill/resend';
import { sigkill } from './drill/sigkill';
import { staleKeys } from './drill/stale';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'outage-seconds': { type: 'string', default: '15' },
    loops: { type: 'string', default: '16' },
    'stale-seconds': { type: 'string', default: '75' },
    'resend-seconds': { type: 'string', default: '60' },
    restarts: { type: 'string', default: '3' },
    build: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const SCENARIOS: Record<string, (context: DrillContext) => Promise<ScenarioReport>> = {
  'pg-outage': (context) => pgOutage(context, { loops: Number(args.loops) }),
  sigkill,
  stale: (context) => staleKeys(context, { staleSeconds: Number(args['stale-seconds']), restarts: Number(args.restarts) }),
  resend: (context) => resendOutage(context, { failSeconds: Number(args['resend-seconds']) }),
};

function chosenScenarios(): string[] {
  const chosen = args.only ? args.only.split(',').map((name) => name.trim()) : Object.keys(SCENARIOS);
  const unknown = chosen.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}: choose from ${Object.keys(SCENARIOS).join(', ')}`);
  return chosen;
}

async function main(): Promise<number> {
  const chosen = chosenScenarios();
  console.log(ensureBuild(args.build));
  const drill = await createDrillContext(Number(args['outage-seconds']));
  // The cluster and the instances go away however the drill ends: Ctrl-C, a crash, or normally.
  process.on('exit', drill.removeNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: removing the throwaway cluster`);
      process.exit(130);
    });
  }
  const reports: ScenarioReport[] = [];
  try {
    for (const name of chosen) {
      console.log(`\n--- ${name} (started ${new Date().toISOString()}) ---`);
      // The machine is shared: its load says how far the latencies are this code's own.
      const loadBefore = loadavg()[0];
      const report = await SCENARIOS[name](drill.context);
      const machine = { loadBefore: Number(loadBefore.toFixed(2)), loadAfter: Number(loadavg()[0].toFixed(2)), cores: availableParallelism() };
      report.lines.unshift(`  machine: load average ${machine.loadBefore} before, ${machine.loadAfter} after, ${machine.cores} cores`);
      reports.push({ ...report, figures: { ...report.figures, machine } });
      await drill.context.stopInstances();
    }
  } finally {
    await drill.dispose();
  }
  const header = { at: new Date().toISOString(), outageSeconds: Number(args['outage-seconds']), node: process.version };
  printReports(reports, header);
  if (args.json) writeFileSync(args.json, JSON.stringify({ ...header, reports }, null, 2));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
