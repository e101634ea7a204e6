import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();

/** Uses the existing production build, or runs `npm run build` (forced with `rebuild`). Says which. */
export function ensureBuild(rebuild: boolean): string {
  const buildIdFile = path.join(ROOT, '.next', 'BUILD_ID');
  if (!rebuild && existsSync(buildIdFile)) {
    return `using the existing production build ${readFileSync(buildIdFile, 'utf8').trim()} (.next/BUILD_ID; pass --build to rebuild)`;
  }
  console.log(rebuild ? 'building (--build): npm run build …' : 'no production build (.next/BUILD_ID missing): npm run build …');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  return `built now: ${readFileSync(buildIdFile, 'utf8').trim()}`;
}

export type RunningServer = {
  pid: number;
  baseUrl: string;
  /** warn/error lines the server logged (LOG_LEVEL=warn hides the per-request info lines). */
  problems: string[];
  /** The last 20 000 characters it wrote (stack traces of uncaught errors are not JSON lines). */
  output(): string;
  /** Resolves with the exit code once the process is gone (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM (the graceful path: stop accepting, finish in flight, flush usage), then wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL (a crash: nothing is flushed); resolves when the process is gone. */
  kill(): Promise<number | null>;
};

/**
 * Starts what `npm start` starts — `NODE_ENV=production tsx server.ts` — but as one Node process
 * (`node --import tsx`), so SIGTERM reaches server.ts itself and /proc shows its CPU alone.
 */
export async function startServer({
  port,
  databaseUrl,
  profileDir,
  env = {},
  onOutput,
}: {
  port: number;
  databaseUrl: string;
  profileDir?: string;
  /** Extra environment (e.g. RESEND_BASE_URL for the mail check). */
  env?: Record<string, string>;
  /** Every chunk the server writes to stdout or stderr (e2e/hostile-input.spec.ts reads the whole log). */
  onOutput?: (chunk: string) => void;
}): Promise<RunningServer> {
  // --profile: V8 writes a .cpuprofile of the whole server run (open it in Chrome DevTools).
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      // Production refuses the public default seed passwords; nobody signs in during the bench.
      SEED_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
      SEED_MEMBER_PASSWORD: randomBytes(18).toString('base64url'),
      NEXT_TELEMETRY_DISABLED: '1',
      // One info line per request would measure the logger, not the guard.
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const problems: string[] = [];
  let output = '';
  const collect = (chunk: string) => {
    onOutput?.(chunk);
    output = (output + chunk).slice(-20_000);
    for (const line of chunk.split('\n')) if (/"level":(40|50|60)/.test(line)) problems.push(line);
  };
  child.stdout!.setEncoding('utf8').on('data', collect);
  child.stderr!.setEncoding('utf8').on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // 'close' comes after the last output chunk; 'exit' may come before it.
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    await closed;
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return {
    pid: child.pid!,
    baseUrl,
    problems,
    output: () => output,
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering /api/health`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet (migrating, seeding, preparing Next).
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s`);
}
