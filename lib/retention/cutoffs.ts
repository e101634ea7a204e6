import type { Config } from '@/lib/config';

export type RetentionSettings = Pick<Config, 'USAGE_RETENTION_DAYS' | 'ROLLUP_RETENTION_DAYS' | 'MAIL_RETENTION_DAYS' | 'AUDIT_RETENTION_DAYS'>;

/** Rows older than these instants are deleted; `audit` is null while the audit log is kept forever. */
export type RetentionCutoffs = { usage: Date; rollups: Date; mail: Date; audit: Date | null };

const DAY_MS = 86_400_000;

/** Whole days of 24 hours back from `now`, one instant for every instance whatever its time zone. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): RetentionCutoffs {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    usage: daysAgo(settings.USAGE_RETENTION_DAYS),
    rollups: daysAgo(settings.ROLLUP_RETENTION_DAYS),
    mail: daysAgo(settings.MAIL_RETENTION_DAYS),
    audit: settings.AUDIT_RETENTION_DAYS ? daysAgo(settings.AUDIT_RETENTION_DAYS) : null,
  };
}
