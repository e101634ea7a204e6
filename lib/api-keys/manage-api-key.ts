import 'server-only';
import { isUniqueViolation } from '@/db/errors';
import { getDb, type Tx } from '@/db/index';
import { lockApiKey, replaceApiKeySecret, updateApiKeySettings, updateApiKeyStatus } from '@/db/queries/api-key-changes';
import { notifyAllSecretsChanged } from '@/db/queries/api-key-lookup';
import { API_KEY_NAME_UNIQUE } from '@/db/queries/api-keys';
import { ipLimitDryRun } from '@/db/queries/api-usage';
import { writeAudit } from '@/db/queries/audit';
import { isSecretReported } from '@/db/queries/leak-reports';
import type { ApiKey } from '@/db/schema';
import type { AdminContext } from '@/lib/admin-action';
import { queueKeyChangeNotice } from '@/lib/email/notify-security';
import type { FormState } from '@/lib/form-state';
import { parseIpLimits } from '@/lib/ip-limits';
import type { ApiKeyStatus } from '@/lib/key-status';
import type { ApiKeyEditValues, RotateApiKeyValues } from '@/lib/validations/api-key';
import { expiryDate } from './expiry';
import { generateApiKey } from './generate';
import { graceEndsAt } from './grace-period';
import { readPermissions, widens } from './permissions';
import { rateLimitFromForm } from './rate-limit-policy';

/**
 * Every change an admin makes to a key reads the same way: one transaction that locks the key,
 * changes it, tells every instance to forget it, writes the audit entry and queues the notice.
 * Queries take the transaction; nothing calls back up.
 */

const NOT_FOUND: FormState<never> = { message: 'This API key does not exist or was deleted.' };
const LEAKED_SECRET_REFUSED = 'This key’s secret was reported leaked, so it stays disabled. Rotate the key, then enable it with its new secret.';
const STALE: FormState<never> = { message: 'Someone else changed this key after you opened it. Reload the page to see their changes, then edit again.' };

const actorOf = ({ user, ip }: AdminContext) => ({ name: user.name, email: user.email, ip });

/** Locks the admin's key in `tx`, or answers why not; `version` (updated_at as loaded) refuses a stale form. */
async function lockForChange(tx: Tx, id: string, { user }: AdminContext, version?: string): Promise<ApiKey | FormState<never>> {
  const key = await lockApiKey(tx, { id, communityId: user.communityId });
  if (!key) return NOT_FOUND;
  if (version !== undefined && key.updatedAt.getTime() !== new Date(version).getTime()) return STALE;
  return key;
}
const isKey = (value: ApiKey | FormState<never>): value is ApiKey => 'hash' in value;

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : JSON.stringify(value));
const EDITABLE = ['name', 'description', 'ipLimits', 'notifyOnUse', 'permissions', 'rateLimit', 'expiresAt'] as const;

/**
 * Saves the edit form. Refuses a form loaded before someone else's save (optimistic check). A key
 * given wider permissions also queues a security notice: more access is what a thief would want.
 */
export async function editKey(data: ApiKeyEditValues, context: AdminContext): Promise<FormState<{ changed: string[] }>> {
  const ipLimits = parseIpLimits(data.ipLimits);
  if (!ipLimits.ok) return { errors: { ipLimits: ipLimits.errors } };
  const { user, ip } = context;
  try {
    return await getDb().transaction(async (tx) => {
      const key = await lockForChange(tx, data.id, context, data.version);
      if (!isKey(key)) return key;
      const settings = {
        name: data.name,
        description: data.description.trim(),
        ipLimits: ipLimits.entries,
        notifyOnUse: data.notifyOnUse,
        // Whoever turns notifications on receives them; turning them off clears the recipient.
        notifyUserId: data.notifyOnUse ? (key.notifyOnUse ? (key.notifyUserId ?? user.id) : user.id) : null,
        // In the table's order, as stored ones are read, so an unchanged form compares equal.
        permissions: readPermissions(data.permissions),
        rateLimit: rateLimitFromForm(data),
        expiresAt: data.expiry === 'keep' ? key.expiresAt : expiryDate(data.expiry, data.expiresOn, new Date()),
      };
      const changes = Object.fromEntries(
        EDITABLE.filter((field) => comparable(key[field]) !== comparable(settings[field])).map((field) => [field, { from: key[field], to: settings[field] }]),
      );
      if (Object.keys(changes).length === 0) return { ok: true, data: { changed: [] } };
      const at = await updateApiKeySettings(tx, { key, settings });
      await notifyAllSecretsChanged(tx, { apiKeyId: key.id });
      await writeAudit(tx, { communityId: user.communityId, actorId: user.id, action: 'api_key.edited', apiKeyId: key.id, ip, details: { changes } });
      if (widens(key.permissions, settings.permissions).length > 0) {
        await queueKeyChangeNotice(tx, { apiKeyId: key.id, change: 'permissions_widened', from: key.permissions, to: settings.permissions, actor: actorOf(context), at });
      }
      return { ok: true, data: { changed: Object.keys(changes) } };
    });
  } catch (error) {
    if (!isUniqueViolation(error, API_KEY_NAME_UNIQUE)) throw error;
    return { errors: { name: [`An API key named “${data.name}” already exists. Choose another name.`] }, message: 'Please fix the highlighted fields.' };
  }
}

/** Disable or enable; the change reaches every instance's cache at commit. */
export async function changeKeyStatus(id: string, target: Exclude<ApiKeyStatus, 'deleted'>, context: AdminContext): Promise<FormState> {
  const { user, ip } = context;
  return getDb().transaction(async (tx) => {
    const key = await lockForChange(tx, id, context);
    if (!isKey(key)) return key;
    if (key.status === target) return { ok: true, message: `“${key.name}” is already ${target}.` };
    // A reported secret is public: enabling it again would undo the report (a repeat report changes nothing).
    if (target === 'enabled' && (await isSecretReported(tx, { hash: key.hash }))) return { message: LEAKED_SECRET_REFUSED };
    const at = await updateApiKeyStatus(tx, { id, status: target, actorId: user.id });
    await notifyAllSecretsChanged(tx, { apiKeyId: id });
    await writeAudit(tx, { communityId: user.communityId, actorId: user.id, action: target === 'disabled' ? 'api_key.disabled' : 'api_key.enabled', apiKeyId: id, ip });
    if (target === 'disabled') await queueKeyChangeNotice(tx, { apiKeyId: id, change: 'disabled', actor: actorOf(context), at });
    return { ok: true };
  });
}

/** Irreversible. The admin must type the key's name, as on GitHub's danger zone. */
export async function deleteKey(data: { id: string; confirmName: string }, context: AdminContext): Promise<FormState> {
  const { user, ip } = context;
  return getDb().transaction(async (tx) => {
    const key = await lockForChange(tx, data.id, context);
    if (!isKey(key)) return key;
    if (data.confirmName.trim() !== key.name) return { errors: { confirmName: [`Type “${key.name}” to confirm`] } };
    const at = await updateApiKeyStatus(tx, { id: key.id, status: 'deleted', actorId: user.id });
    await notifyAllSecretsChanged(tx, { apiKeyId: key.id });
    await writeAudit(tx, { communityId: user.communityId, actorId: user.id, action: 'api_key.deleted', apiKeyId: key.id, ip, details: { name: key.name, hint: key.hint } });
    await queueKeyChangeNotice(tx, { apiKeyId: key.id, change: 'deleted', actor: actorOf(context), at });
    return { ok: true };
  });
}

export type RotatedKey = { name: string; key: string; graceUntil: string };

/**
 * A new secret for the same key record; the old one works until the grace period ends (never
 * past the key's expiry). Refuses a page loaded before someone else's change, so two admins
 * rotating at once cannot leave the first one holding a secret that is already dead.
 */
export async function rotateKey(data: RotateApiKeyValues, context: AdminContext): Promise<FormState<RotatedKey>> {
  const { user, ip } = context;
  return getDb().transaction(async (tx) => {
    const key = await lockForChange(tx, data.id, context, data.version);
    if (!isKey(key)) return key;
    const generated = generateApiKey(key.prefix);
    const now = new Date();
    const graceUntil = graceEndsAt(data.grace, now, key.expiresAt);
    // After the swap: one notification per secret, so the old hash is forgotten and the new one learnt.
    await replaceApiKeySecret(tx, { key, secret: generated, graceUntil });
    await notifyAllSecretsChanged(tx, { apiKeyId: key.id });
    await writeAudit(tx, {
      communityId: user.communityId,
      actorId: user.id,
      action: 'api_key.rotated',
      apiKeyId: key.id,
      ip,
      details: { previousHint: key.hint, newHint: generated.hint, graceUntil: graceUntil.toISOString() },
    });
    await queueKeyChangeNotice(tx, { apiKeyId: key.id, change: 'rotated', previousHint: key.hint, graceUntil, actor: actorOf(context), at: now });
    return { ok: true, data: { name: key.name, key: generated.key, graceUntil: graceUntil.toISOString() } };
  });
}

export type RefusedCaller = { ip: string | null; integrationNames: string[]; lastSeen: string; requests: number };

/** Dry run of new IP limits: which of the last 30 days' callers they would refuse. Changes nothing. */
export async function previewIpLimits(data: { id: string; ipLimits: string }, { user }: AdminContext): Promise<FormState<RefusedCaller[]>> {
  const parsed = parseIpLimits(data.ipLimits);
  if (!parsed.ok) return { errors: { ipLimits: parsed.errors } };
  const callers = await ipLimitDryRun({ apiKeyId: data.id, communityId: user.communityId, ipLimits: parsed.entries, days: 30 });
  return { ok: true, data: callers.map((caller) => ({ ...caller, lastSeen: caller.lastSeen.toISOString() })) };
}
