import type { RunningServer } from '../bench/server';

/** One of the issue's targets, as this run measured it. Reported, not asserted. */
export type TargetCheck = { target: string; measured: string; met: boolean };

export type ScenarioReport = {
  scenario: string;
  /** The readable part: timeline table, events, figures. */
  lines: string[];
  targets: TargetCheck[];
  /** The same figures for the JSON summary. */
  figures: Record<string, unknown>;
};

export const check = (target: string, measured: string, met: boolean): TargetCheck => ({ target, measured, met });

/**
 * What an instance said while the drill ran: its warn/error log lines by message, whether it
 * died on its own, and errors printed outside the app's log (Next's render errors, an uncaught
 * driver error: postgres.js has thrown one when Postgres stopped).
 */
export function serverNotes(name: string, server: RunningServer, exitedOnItsOwn: boolean): { lines: string[]; figures: Record<string, unknown> } {
  const messages = new Map<string, number>();
  // By message and the error's code: "database unavailable (ECONNREFUSED)".
  for (const line of server.problems) {
    let message = line.slice(0, 120);
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { code?: string; message?: string } };
      const cause = entry.err?.code ?? entry.err?.message?.slice(0, 60);
      message = `${entry.msg ?? message}${cause ? ` (${cause})` : ''}`;
    } catch {
      // not pino's JSON: keep the raw start of the line
    }
    messages.set(message, (messages.get(message) ?? 0) + 1);
  }
  // Lines that are not pino's: Next's and Node's own reports (an uncaught error, a failed render).
  const uncaught = [...new Set(server.output().split('\n').filter((line) => !line.startsWith('{') && /error|uncaught|unhandled/i.test(line)))].slice(0, 5);
  const lines = [`  ${name}: ${exitedOnItsOwn ? 'DIED during the drill' : 'stayed up'}; ${server.problems.length} warn/error log lines`];
  for (const [message, count] of messages) lines.push(`    ${count}× ${message}`);
  for (const line of uncaught) lines.push(`    not logged by the app: ${line.trim().slice(0, 200)}`);
  return { lines, figures: { diedOnItsOwn: exitedOnItsOwn, logProblems: Object.fromEntries(messages), uncaught } };
}

/** Prints each scenario, then every target in one table, then the JSON summary. */
export function printReports(reports: ScenarioReport[], header: Record<string, unknown>): void {
  for (const report of reports) {
    console.log(`\n=== ${report.scenario} ===`);
    for (const line of report.lines) console.log(line);
  }
  console.log('\n=== targets (reported, not asserted) ===');
  for (const report of reports) {
    for (const target of report.targets) console.log(`  ${target.met ? 'met   ' : 'MISSED'}  [${report.scenario}] ${target.target}: ${target.measured}`);
  }
  const summary = { ...header, scenarios: Object.fromEntries(reports.map((r) => [r.scenario, { targets: r.targets, ...r.figures }])) };
  console.log(`\nJSON ${JSON.stringify(summary)}`);
}
