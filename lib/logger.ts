import pino from 'pino';

/**
 * Structured JSON logs. Anything that could hold a secret is redacted by path, so a careless
 * `log.info({ headers })` still cannot leak a key or a password.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: undefined,
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
});
