import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { ConfigError, getConfig, type Config } from './lib/config';
import { resolveAuthSecret } from './lib/auth-secret';
import { deriveClientIp, peerIsTrustedProxy } from './lib/client-ip';
import { edgeAnswer, isRoutedMethod, rawHttpAnswer } from './lib/api/edge-answer';
import { log } from './lib/logger';
import { loggablePath } from './lib/loggable-path';
import { containProcessErrors } from './lib/process-errors';
import { processState } from './lib/process-state';
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER, markStampedByServer } from './lib/request-stamp';
import { STRICT_TRANSPORT_SECURITY, cameOverHttps } from './lib/security-headers';
import { closeDatabase, getDb } from './db/index';
import { migrateDatabase } from './db/migrate';
import { seedDatabase } from './db/seed';

const dev = process.argv.includes('--dev');

function loadConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** The trust boundary: only this code sees the socket, so only it decides who the client is. */
function stampRequest(req: IncomingMessage, config: Config): string {
  const clientIp = deriveClientIp({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: req.headers['x-forwarded-for'],
    trusted: config.TRUSTED_PROXIES,
  });
  req.headers[CLIENT_IP_HEADER] = clientIp ?? '';
  // Host and scheme hints are as forgeable as the address unless a trusted proxy sent them.
  if (!peerIsTrustedProxy({ socketAddress: req.socket.remoteAddress, trusted: config.TRUSTED_PROXIES })) {
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-proto'];
  }
  const requestId = randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  return requestId;
}

/** One line per request: the path only, keys redacted (a URL may carry a key someone put there by mistake). */
function logRequest(req: IncomingMessage, requestId: string, status: number, started: number): void {
  const path = loggablePath(req.url ?? '/');
  if (path.startsWith('/_next/')) return;
  log.info({ requestId, method: req.method, path, status, ms: Math.round(performance.now() - started) }, 'request');
}

/** CONNECT never reaches Next (Node hands over the socket): a JSON 405 rather than a dropped connection. */
function refuseConnect(req: IncomingMessage, socket: Duplex, config: Config): void {
  const started = performance.now();
  const requestId = stampRequest(req, config);
  const answer = edgeAnswer('method_not_allowed', requestId);
  socket.on('error', () => socket.destroy());
  socket.end(rawHttpAnswer(answer, requestId));
  logRequest(req, requestId, answer.status, started);
}

function printSignInDetails(config: Config, url: string) {
  // Passwords are echoed only when they are the documented defaults (public in the README).
  const shown = (value: string, fallback: string) => (value === fallback ? value : '(from SEED_*_PASSWORD)');
  console.log(
    [
      '',
      `  Integration Center is ready on ${url}`,
      `  Admin:  ${config.SEED_ADMIN_EMAIL} / ${shown(config.SEED_ADMIN_PASSWORD, 'admin-password')}`,
      `  Member: ${config.SEED_MEMBER_EMAIL} / ${shown(config.SEED_MEMBER_PASSWORD, 'member-password')}`,
      '',
    ].join('\n'),
  );
}

async function main() {
  const config = loadConfigOrExit();
  try {
    process.env.AUTH_SECRET = resolveAuthSecret({ configured: config.AUTH_SECRET, production: !dev && config.NODE_ENV === 'production' });
  } catch (error) {
    console.error(`Invalid configuration:\n  - ${(error as Error).message}`);
    process.exit(1);
  }
  process.env.AUTH_TRUST_HOST ??= 'true';
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';

  await migrateDatabase();
  await seedDatabase(getDb(), {
    adminEmail: config.SEED_ADMIN_EMAIL,
    adminPassword: config.SEED_ADMIN_PASSWORD,
    memberEmail: config.SEED_MEMBER_EMAIL,
    memberPassword: config.SEED_MEMBER_PASSWORD,
  });

  if (config.TRUSTED_PROXIES.kind === 'hops') {
    log.warn(
      { trustedProxies: config.TRUSTED_PROXIES.count },
      'TRUSTED_PROXIES is a hop count: every peer is believed to be a proxy, so the app port must be reachable only through your proxies; prefer their addresses or CIDRs',
    );
  }

  // Before Next serves anything: the app believes this server's client-IP and request-id stamp.
  markStampedByServer();
  const app = next({ dev, port: config.PORT });
  const handle = app.getRequestHandler();
  // Runs instrumentation.ts's register(), which starts the background work (lib/background-work.ts).
  await app.prepare();
  // After prepare(), which registers Next's plain-text handlers: ours log JSON instead.
  containProcessErrors();

  let stopping = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    // While stopping, tell keep-alive clients to reconnect elsewhere, so connections drain.
    if (stopping) res.setHeader('connection', 'close');
    const requestId = stampRequest(req, config);
    res.setHeader('X-Request-Id', requestId);
    // Every answer, API ones included; on plain http this is one header lookup.
    if (cameOverHttps({ encrypted: 'encrypted' in req.socket, forwardedProto: req.headers['x-forwarded-proto'] })) {
      res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    }
    res.on('finish', () => logRequest(req, requestId, res.statusCode, started));
    const answerItself = (answer: ReturnType<typeof edgeAnswer>) => (res.headersSent ? res.end() : res.writeHead(answer.status, answer.headers).end(answer.body));
    // TRACE, PROPFIND, …: no page or route has them, and Next would answer a text 500 or an empty 400.
    if (!isRoutedMethod(req.method)) return answerItself(edgeAnswer('method_not_allowed', requestId));
    handle(req, res).catch((error: unknown) => {
      log.error({ requestId, err: error }, 'unhandled request error');
      answerItself(edgeAnswer('internal_error', requestId));
    });
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex) => refuseConnect(req, socket, config));
  server.keepAliveTimeout = 65_000;

  server.listen(config.PORT, () => printSignInDetails(config, `http://localhost:${config.PORT}`));

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    // Connections get 10 s to finish; then they are cut, and buffers are still flushed.
    await new Promise<void>((resolve) => {
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const cut = setTimeout(() => {
        log.warn('in-flight requests still open after 10 s; closing them');
        server.closeAllConnections();
      }, 10_000);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    });
    const force = setTimeout(() => {
      log.error('flushing buffers took over 20 s; exiting without them');
      process.exit(1);
    }, 20_000);
    force.unref();
    // Flushes usage rows, queues and sends the last notices, stops listening (lib/background-work.ts).
    const { drain } = processState();
    if (drain) await drain();
    else log.error('background work was never started (instrumentation.ts): nothing to drain');
    await closeDatabase();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
