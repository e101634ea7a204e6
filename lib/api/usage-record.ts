import type { UsageRow } from '@/db/queries/api-requests';
import { redactApiKeys } from '@/lib/api-keys/keys-in-text';
import { isUuid } from '@/lib/is-uuid';
import { loggablePath } from '@/lib/loggable-path';

/** What the API guard reports for every request it handled, allowed or denied (the row to store). */
export type UsageRecord = UsageRow;

/** Caps on client-controlled text, so one request cannot bloat the table or the buffer. */
export const USAGE_TEXT_LIMITS = {
  requestId: 128,
  method: 16,
  path: 2048,
  outcome: 64,
  ip: 64,
  userAgent: 512,
  integrationName: 200,
} as const;

const MAX_INT4 = 2_147_483_647;

/**
 * Cuts to `max` UTF-16 units without splitting a surrogate pair; drops NUL and replaces lone
 * surrogates, which Postgres text (and the JSON a batch travels in) reject.
 */
function clip(value: string, max: number): string {
  let text = value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (!text.isWellFormed()) text = text.toWellFormed();
  if (text.length > max) {
    const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
    text = text.slice(0, end);
  }
  return text;
}

/** Client-chosen headers: a key someone pasted into one is redacted as in a path. */
function clipOrNull(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  const text = clip(redactApiKeys(String(value)), max);
  return text === '' ? null : text;
}

function int(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** A malformed id would make Postgres reject the whole batch (22P02); the request is still worth a row. */
function uuidOrNull(value: string | null | undefined): string | null {
  return isUuid(value) ? value : null;
}

/**
 * Makes a record safe to insert: every value a Postgres column accepts, so one odd request can
 * never turn a whole batch into a permanent failure, and a path without its query or any key. Also a copy, so a caller mutating its object
 * later cannot change what is written.
 */
export function normalizeUsageRecord(record: UsageRecord): UsageRow {
  const at = record.at instanceof Date && !Number.isNaN(record.at.getTime()) ? record.at : new Date();
  return {
    requestId: clip(String(record.requestId ?? ''), USAGE_TEXT_LIMITS.requestId) || crypto.randomUUID(),
    apiKeyId: uuidOrNull(record.apiKeyId),
    communityId: uuidOrNull(record.communityId),
    at,
    method: clip(String(record.method ?? ''), USAGE_TEXT_LIMITS.method).toUpperCase(),
    path: clip(loggablePath(String(record.path ?? '')), USAGE_TEXT_LIMITS.path),
    status: int(record.status, 0, 999),
    outcome: clip(String(record.outcome ?? ''), USAGE_TEXT_LIMITS.outcome),
    ip: clipOrNull(record.ip, USAGE_TEXT_LIMITS.ip),
    userAgent: clipOrNull(record.userAgent, USAGE_TEXT_LIMITS.userAgent),
    integrationName: clipOrNull(record.integrationName, USAGE_TEXT_LIMITS.integrationName),
    latencyMs: int(record.latencyMs, 0, MAX_INT4),
  };
}
