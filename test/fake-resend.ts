import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Resend API (POST /emails), for tests: point RESEND_BASE_URL at `url`.
 * Like Resend, a repeated Idempotency-Key gets the first answer's id and is not delivered again.
 */
export type FakeResendRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  idempotencyKey: string | null;
  body: unknown;
  /** What the fake answered. */
  status: number;
};

export type FakeResendEmail = { from: string; to: string[]; subject: string; text?: string; html?: string };

export type FakeResendDelivery = { id: string; idempotencyKey: string | null; authorization: string | null; email: FakeResendEmail };

export type FakeResend = {
  /** For RESEND_BASE_URL; stays the same across stop() and start(). */
  readonly url: string;
  /** Every request that reached the server, answered or failed. */
  readonly requests: FakeResendRequest[];
  /** Every message accepted for delivery, each once. */
  readonly delivered: FakeResendDelivery[];
  /** Answers the next `count` requests with `status` and a Resend-shaped JSON error. */
  failNext(count: number, status: number): void;
  /** Closes the port (connections included): senders see a network failure. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
};

const ERROR_NAMES: Record<number, string> = {
  400: 'invalid_request',
  401: 'missing_api_key',
  403: 'invalid_api_key',
  409: 'invalid_idempotent_request',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'internal_server_error',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeResend(): Promise<FakeResend> {
  const requests: FakeResendRequest[] = [];
  const delivered: FakeResendDelivery[] = [];
  // Idempotency-Key → the first accepted request's body and id.
  const accepted = new Map<string, { body: string; id: string }>();
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let port = 0;
  let server: Server | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // Kept as text; the request is answered 422 below.
    }
    const request: FakeResendRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, idempotencyKey, body, status: 0 };
    requests.push(request);
    const answer = (status: number, payload: unknown) => {
      request.status = status;
      sendJson(res, status, payload);
    };
    const fail = (status: number, message: string) => answer(status, { statusCode: status, name: ERROR_NAMES[status] ?? 'application_error', message });

    if (req.method !== 'POST' || req.url !== '/emails') return fail(404, 'Not found');
    if (failures.count > 0) {
      failures.count--;
      return fail(failures.status, `Programmed failure ${failures.status}`);
    }
    if (!req.headers.authorization?.startsWith('Bearer ')) return fail(401, 'Missing API key in the authorization header.');
    if (typeof body !== 'object' || body === null) return fail(422, 'The body must be JSON.');
    const previous = idempotencyKey ? accepted.get(idempotencyKey) : undefined;
    if (previous) {
      if (previous.body !== raw) return fail(409, 'Same idempotency key used with a different request payload.');
      return answer(200, { id: previous.id });
    }
    const id = randomUUID();
    if (idempotencyKey) accepted.set(idempotencyKey, { body: raw, id });
    delivered.push({ id, idempotencyKey, authorization: req.headers.authorization ?? null, email: body as FakeResendEmail });
    answer(200, { id });
  }

  async function start(): Promise<void> {
    if (server) return;
    const next = createServer((req, res) => {
      handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  }

  async function stop(): Promise<void> {
    const current = server;
    if (!current) return;
    server = null;
    const closed = new Promise<void>((resolve) => current.close(() => resolve()));
    current.closeAllConnections();
    await closed;
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    failNext(count, status) {
      failures = { count, status };
    },
    stop,
    start,
  };
}
