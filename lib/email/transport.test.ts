import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '@/test/fake-resend';
import { classifyResendError, createTransport, redactSecrets } from './transport';

const API_KEY = 're_live_0123456789abcdefghijklmnop';
const MAIL_FROM = 'Integration Center <alerts@example.test>';
const message = { id: '8f0b7a4e-5a43-4d59-9d59-6d7bb1a6f1f3', to: 'ops@example.test', subject: 'Key disabled', text: 'Plain', html: '<p>HTML</p>' };

describe('classifyResendError', () => {
  it.each([400, 422])('treats %i as permanent', (statusCode) => {
    expect(classifyResendError({ statusCode, name: 'validation_error', message: 'Invalid `to` field.' }).retryable).toBe(false);
  });

  it.each([401, 403, 404, 409, 429, 500, 502, 503])('retries %i', (statusCode) => {
    expect(classifyResendError({ statusCode, name: 'some_error', message: 'nope' }).retryable).toBe(true);
  });

  it('retries a network failure (no status) and an error without a status at all', () => {
    expect(classifyResendError({ statusCode: null, name: 'application_error', message: 'Unable to fetch data.' })).toEqual({
      retryable: true,
      error: 'Resend could not be reached: Unable to fetch data.',
    });
    expect(classifyResendError({ message: 'odd' }).retryable).toBe(true);
  });

  it('says what Resend answered', () => {
    expect(classifyResendError({ statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }).error).toBe(
      'Resend answered 422 (validation_error): Invalid `to` field.',
    );
  });

  it('never keeps the API key, or anything shaped like one', () => {
    const { error } = classifyResendError({ statusCode: 401, name: 'invalid_api_key', message: `API key ${API_KEY} is invalid; try re_other_key_123456` }, API_KEY);
    expect(error).not.toContain(API_KEY);
    expect(error).not.toContain('re_other_key_123456');
    expect(error).toContain('[redacted]');
  });

  it('keeps stored errors short', () => {
    expect(redactSecrets('x'.repeat(5_000)).length).toBeLessThanOrEqual(500);
  });
});

describe('createTransport', () => {
  let fake: FakeResend;
  beforeEach(async () => {
    fake = await startFakeResend();
  });
  afterEach(() => fake.stop());

  const resend = () => createTransport({ RESEND_API_KEY: API_KEY, RESEND_BASE_URL: fake.url, MAIL_FROM });

  it('sends through Resend with the row id as idempotency key', async () => {
    const transport = resend();
    expect(transport.kind).toBe('resend');
    const result = await transport.send(message);
    expect(result).toEqual({ ok: true, providerId: fake.delivered[0].id });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/emails', idempotencyKey: `outbox/${message.id}` });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(fake.delivered[0].email).toEqual({ from: MAIL_FROM, to: [message.to], subject: message.subject, text: message.text, html: message.html });
  });

  it('gets the same id back when a message is sent again', async () => {
    const transport = resend();
    const first = await transport.send(message);
    const second = await transport.send(message);
    expect(second).toEqual(first);
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
  });

  it('classifies what the server answers', async () => {
    const transport = resend();
    fake.failNext(1, 422);
    expect(await transport.send(message)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('422') });
    fake.failNext(1, 429);
    expect(await transport.send(message)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('429') });
    await fake.stop();
    expect(await transport.send(message)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('could not be reached') });
  });

  it('delivers to the local mailbox without a key, sending nothing', async () => {
    const transport = createTransport({ RESEND_API_KEY: undefined, RESEND_BASE_URL: fake.url, MAIL_FROM });
    expect(transport.kind).toBe('mailbox');
    expect(await transport.send(message)).toEqual({ ok: true, providerId: null });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('a provider that misbehaves', () => {
  let server: Server;
  let url: string;
  let respond: (authorization: string, res: import('node:http').ServerResponse) => void;
  beforeEach(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => respond(req.headers.authorization ?? '', res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const transport = () => createTransport({ RESEND_API_KEY: API_KEY, RESEND_BASE_URL: url, MAIL_FROM });

  it('never stores the key, even when the error quotes the request', async () => {
    respond = (authorization, res) =>
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 401, name: 'invalid_api_key', message: `Rejected ${authorization}` }));
    const result = await transport().send(message);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
    expect(JSON.stringify(result)).toContain('Rejected Bearer [redacted]');
  });

  it('retries an answer that is not JSON (a proxy error page)', async () => {
    respond = (_, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    expect(await transport().send(message)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('502') });
  });

  it('gives up on a send that hangs when told to', async () => {
    respond = () => {}; // never answers
    const result = await transport().send(message, { signal: AbortSignal.timeout(100) });
    expect(result).toMatchObject({ ok: false, retryable: true });
  });
});
