import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

/**
 * The one place environment variables are read and validated. Everything else asks getConfig().
 * A bad variable stops the process at start with a message naming it.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** How long a kind of row is kept (lib/retention/); more than a century is a typo. */
const retentionDays = z.coerce
  .number<string | undefined>()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(36_500, 'must be at most 36500 days (100 years)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1, 'must be a port number (1-65535)').max(65535, 'must be a port number (1-65535)').default(3000),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PGLITE_DIR: optionalString.default('.data/pglite'),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 32)').optional()),
  TRUSTED_PROXIES: optionalString,
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalString.pipe(z.url({ message: 'must be an http(s) URL' }).optional()),
  MAIL_FROM: optionalString.default('Integration Center <no-reply@localhost>'),
  /** Where links in e-mails point; defaults to this server on localhost. */
  APP_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
  /** Shortest gap between two usage digests, or two "IP limit refused calls" notices, for one key. */
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int('must be a whole number of seconds').min(1, 'must be at least 1 second').default(3600),
  SEED_ADMIN_EMAIL: optionalString.pipe(z.email({ message: 'must be an e-mail address' }).default('admin@example.com')),
  SEED_ADMIN_PASSWORD: optionalString.pipe(z.string().min(8, 'must be at least 8 characters').default('admin-password')),
  SEED_MEMBER_EMAIL: optionalString.pipe(z.email({ message: 'must be an e-mail address' }).default('member@example.com')),
  SEED_MEMBER_PASSWORD: optionalString.pipe(z.string().min(8, 'must be at least 8 characters').default('member-password')),
  /** Rate-limit counters shared by every instance; unset → counted in each process. */
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  /** Prefix of every Redis key this app writes (several apps, or test runs, may share one Redis). */
  REDIS_KEY_PREFIX: optionalString.default('ic'),
  /** GitHub's secret-scanning public keys (the signatures of leak reports are checked with them); tests point it at a local fake. */
  SECRET_SCANNING_KEYS_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('https://api.github.com/meta/public_keys/secret_scanning'),
  ),
  /** Calls per minute per client IP that present no valid key. */
  UNAUTHENTICATED_RATE_LIMIT: z.coerce.number().int('must be a whole number of calls per minute').min(1, 'must be at least 1 call per minute').default(60),
  /** A session ends this long after sign-in, however active (lib/session-lifetime.ts). */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(720, 'must be at most 720 hours (30 days)')
    .default(8),
  /** A session ends after this long without a request; measured to the minute. */
  SESSION_IDLE_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(5, 'must be at least 5 minutes').default(60),
  LOG_LEVEL: optionalString.pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional()),
  /** Usage rows on disk until the database has them (a subdirectory per database). */
  USAGE_SPOOL_DIR: optionalString.default('.data/usage-spool'),
  /** Rows beyond the memory buffer (a database outage) spill to the spool up to this many bytes, then are dropped. */
  USAGE_SPOOL_MAX_BYTES: z.coerce.number().int('must be a whole number of bytes').min(0, 'must be 0 or more bytes').default(1024 ** 3),
  /** Raw usage rows (the request log), and the window of addresses a key counts as seen. */
  USAGE_RETENTION_DAYS: retentionDays.default(90),
  /** Hourly counts and callers per key: the charts, the integrations seen. */
  ROLLUP_RETENTION_DAYS: retentionDays.default(400),
  /** Sent and failed e-mail (pending mail is always kept). */
  MAIL_RETENTION_DAYS: retentionDays.default(30),
  /** The audit log is the security record: unset, it is kept forever. */
  AUDIT_RETENTION_DAYS: optionalString.pipe(retentionDays.optional()),
});

export type Config = Omit<z.infer<typeof envSchema>, 'TRUSTED_PROXIES'> & {
  TRUSTED_PROXIES: TrustedProxies;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Pure: validates an environment object. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
  let trustedProxies: TrustedProxies = { kind: 'none' };
  try {
    trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  } catch (error) {
    problems.push(`TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  // The seed defaults are printed in the README: a production deployment must choose its own.
  if (parsed.success && parsed.data.NODE_ENV === 'production') {
    for (const name of ['SEED_ADMIN_PASSWORD', 'SEED_MEMBER_PASSWORD'] as const) {
      if (!env[name]?.trim()) problems.push(`${name}: required in production (the default is public)`);
    }
  }
  // Links in real e-mails must reach the app, not the recipient's own localhost.
  if (parsed.success && parsed.data.NODE_ENV === 'production' && parsed.data.RESEND_API_KEY && !parsed.data.APP_URL) {
    problems.push('APP_URL: required in production when RESEND_API_KEY is set (links in e-mails point to it)');
  }
  // The charts and the seen addresses read the rollups over the whole raw window.
  if (parsed.success && parsed.data.ROLLUP_RETENTION_DAYS < parsed.data.USAGE_RETENTION_DAYS) {
    problems.push(`ROLLUP_RETENTION_DAYS: must be at least USAGE_RETENTION_DAYS (${parsed.data.USAGE_RETENTION_DAYS}): rollups are kept at least as long as the raw rows`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return { ...parsed.data, TRUSTED_PROXIES: trustedProxies };
}

let config: Config | undefined;

export function getConfig(): Config {
  config ??= loadConfig(process.env);
  return config;
}

/**
 * The log level, read on its own because the logger exists before the configuration is checked
 * (it reports a bad one): a bad LOG_LEVEL falls back here, and stops the start in getConfig().
 */
export function logLevel(env: Record<string, string | undefined> = process.env): (typeof LOG_LEVELS)[number] {
  const parsed = envSchema.shape.LOG_LEVEL.safeParse(env.LOG_LEVEL);
  return (parsed.success && parsed.data) || (env.NODE_ENV === 'test' ? 'warn' : 'info');
}
