import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startServer, type RunningServer } from '../bench/server';
import { createThrowawayCluster, type ThrowawayCluster } from './cluster';
import { freePort } from './free-port';

/** What every scenario works with: the throwaway cluster, its one database, and the app instances. */
export type DrillContext = {
  cluster: ThrowawayCluster;
  databaseUrl: string;
  /** The drill's own connection, for counting rows and creating keys (not used while Postgres is down). */
  sql: postgres.Sql;
  /** Shared by every instance, as in a real deployment: a session cookie works on all of them. */
  authSecret: string;
  outageSeconds: number;
  /** Starts `NODE_ENV=production tsx server.ts` on a free port; stopped (or killed) at the end if still running. */
  startInstance(env?: Record<string, string>): Promise<RunningServer>;
  /** Starts an instance on a given port again (after a SIGKILL): same address, same database. */
  restartInstance(port: number, env?: Record<string, string>): Promise<RunningServer>;
  /** SIGTERM to every instance still running, waiting for each to exit. */
  stopInstances(): Promise<void>;
};

const DATABASE = 'drill';

export async function createDrillContext(outageSeconds: number): Promise<{ context: DrillContext; dispose(): Promise<void>; removeNow(): void }> {
  const cluster = await createThrowawayCluster();
  try {
    await cluster.createDatabase(DATABASE);
  } catch (error) {
    cluster.remove();
    throw error;
  }
  const databaseUrl = cluster.url(DATABASE);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const authSecret = randomBytes(32).toString('base64url');
  const running = new Set<RunningServer>();

  const launch = async (port: number, env: Record<string, string>) => {
    const server = await startServer({ port, databaseUrl, env: { AUTH_SECRET: authSecret, ...env } });
    running.add(server);
    void server.exited.then(() => running.delete(server));
    return server;
  };
  const context: DrillContext = {
    cluster,
    databaseUrl,
    sql,
    authSecret,
    outageSeconds,
    startInstance: async (env = {}) => launch(await freePort(), env),
    restartInstance: (port, env = {}) => launch(port, env),
    async stopInstances() {
      await Promise.all([...running].map((server) => server.stop()));
    },
  };
  return {
    context,
    async dispose() {
      await context.stopInstances();
      await sql.end({ timeout: 2 }).catch(() => {});
      cluster.remove();
    },
    // For an exit handler: nothing asynchronous runs there.
    removeNow() {
      for (const server of running) server.kill();
      cluster.remove();
    },
  };
}
