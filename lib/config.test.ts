import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe('loadConfig', () => {
  it('has working defaults for local use', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PGLITE_DIR).toBe('.data/pglite');
    expect(config.USAGE_SPOOL_DIR).toBe('.data/usage-spool');
    expect(config.USAGE_SPOOL_MAX_BYTES).toBe(1024 ** 3);
    expect(config.SEED_ADMIN_EMAIL).toBe('admin@example.com');
    expect(config.TRUSTED_PROXIES).toEqual({ kind: 'none' });
    expect(config.SECRET_SCANNING_KEYS_URL).toBe('https://api.github.com/meta/public_keys/secret_scanning');
    expect(config.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(config.SESSION_IDLE_MINUTES).toBe(60);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', AUTH_SECRET: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ TRUSTED_PROXIES: 'not-an-ip' }, 'TRUSTED_PROXIES'],
    [{ RESEND_BASE_URL: 'nope' }, 'RESEND_BASE_URL'],
    [{ APP_URL: 'ftp://example.com' }, 'APP_URL'],
    [{ SECRET_SCANNING_KEYS_URL: 'api.github.com/meta' }, 'SECRET_SCANNING_KEYS_URL'],
    [{ SECRET_SCANNING_KEYS_URL: 'file:///etc/keys.json' }, 'SECRET_SCANNING_KEYS_URL'],
    [{ NOTIFY_INTERVAL_SECONDS: 'hourly' }, 'NOTIFY_INTERVAL_SECONDS'],
    [{ NOTIFY_INTERVAL_SECONDS: '0' }, 'NOTIFY_INTERVAL_SECONDS'],
    [{ USAGE_SPOOL_MAX_BYTES: '1GB' }, 'USAGE_SPOOL_MAX_BYTES'],
    [{ USAGE_SPOOL_MAX_BYTES: '-1' }, 'USAGE_SPOOL_MAX_BYTES'],
    [{ SEED_ADMIN_EMAIL: 'admin' }, 'SEED_ADMIN_EMAIL'],
    [{ SEED_MEMBER_PASSWORD: 'short' }, 'SEED_MEMBER_PASSWORD'],
    [{ USAGE_RETENTION_DAYS: '0' }, 'USAGE_RETENTION_DAYS'],
    [{ USAGE_RETENTION_DAYS: '7.5' }, 'USAGE_RETENTION_DAYS'],
    [{ MAIL_RETENTION_DAYS: 'a month' }, 'MAIL_RETENTION_DAYS'],
    [{ ROLLUP_RETENTION_DAYS: '99999' }, 'ROLLUP_RETENTION_DAYS'],
    [{ AUDIT_RETENTION_DAYS: '-1' }, 'AUDIT_RETENTION_DAYS'],
    [{ ROLLUP_RETENTION_DAYS: '30' }, 'ROLLUP_RETENTION_DAYS'],
    [{ SESSION_MAX_AGE_HOURS: '0' }, 'SESSION_MAX_AGE_HOURS'],
    [{ SESSION_MAX_AGE_HOURS: '1.5' }, 'SESSION_MAX_AGE_HOURS'],
    [{ SESSION_IDLE_MINUTES: '1' }, 'SESSION_IDLE_MINUTES'],
  ])('names the bad variable: %o', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`${variable}: `)).toBe(true);
  });

  it('keeps usage 90 days, rollups 400, mail 30 and the audit log forever unless told otherwise', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ USAGE_RETENTION_DAYS: 90, ROLLUP_RETENTION_DAYS: 400, MAIL_RETENTION_DAYS: 30 });
    expect(config.AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '' }).AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(loadConfig({ USAGE_RETENTION_DAYS: '7', ROLLUP_RETENTION_DAYS: '7', AUDIT_RETENTION_DAYS: '3650' })).toMatchObject({ USAGE_RETENTION_DAYS: 7, ROLLUP_RETENTION_DAYS: 7, AUDIT_RETENTION_DAYS: 3650 });
  });

  it('says why rollups may not be kept for less time than the raw rows', () => {
    expect(problemsOf({ USAGE_RETENTION_DAYS: '500' })).toEqual([
      'ROLLUP_RETENTION_DAYS: must be at least USAGE_RETENTION_DAYS (500): rollups are kept at least as long as the raw rows',
    ]);
    expect(problemsOf({ USAGE_RETENTION_DAYS: '0' })).toEqual(['USAGE_RETENTION_DAYS: must be at least 1 day']);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: '0', TRUSTED_PROXIES: '10.0.0.0/99', DATABASE_URL: 'x' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'TRUSTED_PROXIES']);
  });

  it('requires APP_URL in production when e-mail really leaves the machine', () => {
    const production = { NODE_ENV: 'production', SEED_ADMIN_PASSWORD: 'chosen-admin', SEED_MEMBER_PASSWORD: 'chosen-member' };
    expect(problemsOf({ ...production, RESEND_API_KEY: 're_live' })).toEqual(['APP_URL: required in production when RESEND_API_KEY is set (links in e-mails point to it)']);
    expect(problemsOf({ ...production, RESEND_API_KEY: 're_live', APP_URL: 'https://community.example.org' })).toEqual([]);
    expect(problemsOf(production)).toEqual([]);
  });

  it('requires chosen seed passwords in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).sort()).toEqual([
      'SEED_ADMIN_PASSWORD: required in production (the default is public)',
      'SEED_MEMBER_PASSWORD: required in production (the default is public)',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', SEED_ADMIN_PASSWORD: 'a-long-secret', SEED_MEMBER_PASSWORD: 'another-secret' })).toEqual([]);
  });

  it('parses TRUSTED_PROXIES as hops or ranges', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '1' }).TRUSTED_PROXIES).toEqual({ kind: 'hops', count: 1 });
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8' }).TRUSTED_PROXIES.kind).toBe('ranges');
  });
});
