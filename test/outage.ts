import { createServer } from 'node:net';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getDatabase, schema } from '@/db/index';
import { processState } from '@/lib/process-state';

/** A local port nothing listens on: bound by the OS, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs `work` while this process's database client points where nothing listens: every query
 * fails through the real driver as it does when Postgres is down (ECONNREFUSED). The real
 * client is back afterwards, so a test can show that nothing changed.
 */
export async function whileDatabaseUnreachable<T>(work: () => Promise<T>): Promise<T> {
  const state = processState();
  const real = getDatabase();
  const sql = postgres(`postgres://nobody@127.0.0.1:${await closedPort()}/unreachable`, { max: 1, connect_timeout: 2, onnotice: () => {} });
  state.database = { kind: 'postgres', sql, db: drizzle(sql, { schema }), close: () => sql.end({ timeout: 1 }) };
  try {
    return await work();
  } finally {
    state.database = real;
    await sql.end({ timeout: 1 });
  }
}
