/**
 * `npm run check:leak-report`: does a 1,000-token signed GitHub report get its answer well within
 * GitHub's 30 seconds, however many of the tokens are real?
 *
 * Starts the production server on a fresh PostgreSQL database (DATABASE_URL if set, kept; else a
 * throwaway one, dropped), with SECRET_SCANNING_KEYS_URL pointing at a local fake of GitHub's
 * public keys endpoint, and POSTs signed reports of 1,000 tokens: tokens of other formats, made-up
 * keys of our format (a valid checksum, so they are looked up), 1,000 real keys (each disabled,
 * audited and noticed in its own transaction), and the same 1,000 again (repeats change nothing).
 * Prints the time of each; checks every real key was disabled once, with one audit entry and one
 * notice; exits 1 if any answer took 30 s or more, or a check failed. Uses the existing build.
 *
 *   npm run check:leak-report [-- --port 3320 --tokens 1000]
 */
import { parseArgs } from 'node:util';
import { generateApiKey } from '../lib/api-keys';
import { startFakeGithubKeys } from '../test/fake-github-keys';
import { createBenchKey, prepareDatabase } from './bench/db';
import { ensureBuild, startServer } from './bench/server';

const GITHUB_DEADLINE_MS = 30_000;
const { values: args } = parseArgs({ options: { port: { type: 'string', default: '3320' }, tokens: { type: 'string', default: '1000' } } });
const count = Number(args.tokens);

async function main(): Promise<number> {
  console.log(ensureBuild(false));
  const keys = await startFakeGithubKeys();
  const github = keys.addSigner();
  const db = await prepareDatabase('leaks');
  const server = await startServer({ port: Number(args.port), databaseUrl: db.url, env: { SECRET_SCANNING_KEYS_URL: keys.url } });
  const failures: string[] = [];
  try {
    const report = async (label: string, tokens: string[]) => {
      const body = JSON.stringify(tokens.map((token) => ({ token, type: 'integration_center_api_key', url: 'https://github.com/octo/app/blob/1a2b3c/.env', source: 'commit' })));
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/secret-scanning/github`, { method: 'POST', body, headers: github.headers(body) });
      const answer = (await response.json()) as { label: string }[];
      const ms = performance.now() - started;
      const truePositives = answer.filter?.((item) => item.label === 'true_positive').length;
      console.log(`${label.padEnd(44)} ${String(response.status).padEnd(4)} ${`${Math.round(ms)} ms`.padStart(9)}   true_positive: ${truePositives}`);
      if (response.status !== 200 || answer.length !== tokens.length) failures.push(`${label}: ${response.status}, ${answer.length} labels`);
      if (ms >= GITHUB_DEADLINE_MS) failures.push(`${label}: ${Math.round(ms)} ms`);
      return truePositives;
    };

    console.log(`creating ${count} keys …`);
    const real = [];
    for (let i = 0; i < count; i++) real.push(await createBenchKey(db.sql, `leak ${i}`));
    console.log(`\n${'report of 1,000 tokens'.padEnd(44)} code       time`);
    await report('warm-up (fetches GitHub’s keys), 1 token', [generateApiKey('warm').key]);
    await report(`${count} tokens of other formats`, Array.from({ length: count }, (_, i) => `ghp_${String(i).padStart(36, '0')}`));
    await report(`${count} made-up keys of our format`, Array.from({ length: count }, () => generateApiKey('acme').key));
    if ((await report(`${count} real keys, all disabled now`, real.map((key) => key.key))) !== count) failures.push('not every real key was labelled true_positive');
    await report(`the same ${count} again (repeats: no change)`, real.map((key) => key.key));

    const ids = real.map((key) => key.id);
    const [state] = await db.sql<{ disabled: number; reports: number; audits: number; notices: number }[]>`
      select (select count(*)::int from api_keys where id = any(${ids}::uuid[]) and status = 'disabled') as disabled,
             (select count(*)::int from api_key_leak_reports where api_key_id = any(${ids}::uuid[])) as reports,
             (select count(*)::int from audit_log where api_key_id = any(${ids}::uuid[]) and action = 'api_key.reported_leaked') as audits,
             (select count(*)::int from mail_outbox where api_key_id = any(${ids}::uuid[]) and kind = 'key_reported_leaked') as notices`;
    console.log(`\nafter both reports: ${state.disabled} disabled, ${state.reports} reports, ${state.audits} audit entries, ${state.notices} notices (each should be ${count})`);
    for (const [name, value] of Object.entries(state)) if (value !== count) failures.push(`${name}: ${value}, expected ${count}`);
    if (server.problems.length > 0) failures.push(`the server logged ${server.problems.length} warnings or errors:\n${server.problems.slice(0, 5).join('\n')}`);
  } finally {
    await server.stop();
    await keys.stop();
    await db.dispose();
  }
  for (const failure of failures) console.error(`FAILED: ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
