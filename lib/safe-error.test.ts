import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { sanitizeError } from './safe-error';

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
