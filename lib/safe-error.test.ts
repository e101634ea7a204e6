import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateApiKey } from './api-keys';
import { createLogger } from './logger';
import { sanitizeConsoleErrors, sanitizeError } from './safe-error';

const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
  code: '23505',
  detail: 'Key (email)=(someone@private.example) already exists.',
  query: 'insert into users (email) values ($1)',
  parameters: ['someone@private.example'],
});
const drizzleError = new Error('Failed query: insert into users (email) values ($1)\nparams: someone@private.example', { cause: driverError });

describe('sanitizeError', () => {
  it('keeps the driver’s message and code, never the query, its parameters or the detail', () => {
    const safe = sanitizeError(drizzleError);
    expect(safe).toMatchObject({ type: 'Error', message: driverError.message, code: '23505' });
    expect(JSON.stringify(safe)).not.toContain('private.example');
  });

  it('keeps the stack of an ordinary error, and passes an already safe error through', () => {
    const safe = sanitizeError(new TypeError('x is not a function'));
    expect(safe).toMatchObject({ type: 'TypeError', message: 'x is not a function' });
    expect(safe.stack).toMatch(/^TypeError: x is not a function\n\s+at /);
    expect(sanitizeError(safe)).toBe(safe);
  });

  it('drops the value a data exception quotes, and every address but its domain', () => {
    const badUuid = Object.assign(new Error('invalid input syntax for type uuid: "someone@private.example"'), { code: '22P02' });
    expect(sanitizeError(new Error('Failed query: select', { cause: badUuid })).message).toBe('invalid input syntax for type uuid: "…"');
    expect(sanitizeError('Resend 422: to "someone@private.example" is invalid').message).toBe('Resend 422: to "…@private.example" is invalid');
  });

  it('keeps only the prefix and last 4 of a key quoted in a message, as in a URL', () => {
    const { key, hint } = generateApiKey('acme');
    expect(sanitizeError(new TypeError(`Invalid URL: /api/v1/me/${key}`)).message).toBe(`Invalid URL: /api/v1/me/${hint}`);
  });

  it('follows the { err } cause Auth.js wraps its errors in', () => {
    const wrapped = Object.assign(new Error('Read more at https://errors.authjs.dev'), { cause: { err: new TypeError('fetch failed'), extra: 'x' } });
    expect(sanitizeError(wrapped)).toMatchObject({ type: 'TypeError', message: 'fetch failed' });
  });

  it('routes Error arguments of console.error through it (Next prints render errors there), and redacts keys in text', () => {
    const { key, hint } = generateApiKey('acme');
    const original = console.error;
    const printed: unknown[][] = [];
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      sanitizeConsoleErrors();
      console.error(`render failed: /api/v1/${key}`, drizzleError);
    } finally {
      console.error = original;
    }
    expect(printed[0][0]).toBe(`render failed: /api/v1/${hint}`);
    expect(JSON.stringify(printed)).toContain('users_email_unique');
    expect(JSON.stringify(printed)).not.toContain('private.example');
  });

  it('is applied by the logger to every `err` field', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger(sink, 'info');
    logger.error({ err: drizzleError }, 'admin action failed');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).err).toMatchObject({ message: driverError.message, code: '23505' });
    expect(lines[0]).not.toContain('private.example');
  });
});
