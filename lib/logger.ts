import pino from 'pino';
import { logLevel } from './config';
import { sanitizeError } from './safe-error';

/**
 * Structured JSON logs. Every `err` passes the one sanitiser (no query parameters, no driver
 * detail), and anything that could hold a secret is redacted by path, so a careless
 * `log.info({ headers })` still cannot leak a key or a password.
 */
export function createLogger(destination?: pino.DestinationStream, level: string = logLevel()) {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    serializers: { err: sanitizeError },
    redact: {
      paths: [
        'password',
        '*.password',
        'apiKey',
        '*.apiKey',
        'key',
        '*.key',
        'secret',
        '*.secret',
        'headers.authorization',
        'headers["x-api-key"]',
        'headers.cookie',
        '*.headers.authorization',
        '*.headers["x-api-key"]',
        '*.headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const log = createLogger();
