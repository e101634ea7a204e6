import 'server-only';
import { editApiKeySettings, rotateApiKeySecret, setApiKeyStatus } from '@/db/queries/api-key-changes';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import { ipLimitDryRun } from '@/db/queries/api-usage';
import { writeAudit } from '@/db/queries/audit';
import type { AdminContext } from '@/lib/admin-action';
import { queueKeyChangeNotice } from '@/lib/email/notify-security';
import type { FormState } from '@/lib/form-state';
import { parseIpLimits } from '@/lib/ip-limits';
import type { ApiKeyEditValues } from '@/lib/validations/api-key';
import { expiryDate } from './expiry';
import { generateApiKey } from './generate';
import { graceEndsAt, type GracePeriod } from './grace-period';

const NOT_FOUND: FormState<never> = { message: 'This API key does not exist or was deleted.' };

const actorOf = (user: AdminContext['user'], ip: string | null) => ({ name: user.name, email: user.email, ip });

/** Saves the edit form. Refuses a form loaded before someone else's save (optimistic check). */
export async function editKey(data: ApiKeyEditValues, { user, ip }: AdminContext): Promise<FormState<{ changed: string[] }>> {
  const current = await findApiKeyForAdmin({ id: data.id, communityId: user.communityId });
  if (!current) return NOT_FOUND;
  const ipLimits = parseIpLimits(data.ipLimits);
  if (!ipLimits.ok) return { errors: { ipLimits: ipLimits.errors } };
  const outcome = await editApiKeySettings({
    id: data.id,
    communityId: user.communityId,
    version: new Date(data.version),
    actorId: user.id,
    ip,
    settings: {
      name: data.name,
      description: data.description.trim(),
      ipLimits: ipLimits.entries,
      notifyOnUse: data.notifyOnUse,
      // Whoever turns notifications on receives them; turning them off clears the recipient.
      notifyUserId: data.notifyOnUse ? (current.notifyOnUse ? (current.notifyUserId ?? user.id) : user.id) : null,
      expiresAt: data.expiry === 'keep' ? current.expiresAt : expiryDate(data.expiry, data.expiresOn, new Date()),
    },
  });
  switch (outcome.status) {
    case 'not_found':
      return NOT_FOUND;
    case 'stale':
      return { message: 'Someone else changed this key after you opened it. Reload the page to see their changes, then edit again.' };
    case 'duplicate_name':
      return { errors: { name: [`An API key named “${data.name}” already exists. Choose another name.`] }, message: 'Please fix the highlighted fields.' };
    case 'updated':
      return { ok: true, data: { changed: Object.keys(outcome.changes) } };
  }
}

/** Disable or enable; the change reaches every instance's cache at commit. */
export async function changeKeyStatus(id: string, target: 'enabled' | 'disabled', { user, ip }: AdminContext): Promise<FormState> {
  const current = await findApiKeyForAdmin({ id, communityId: user.communityId });
  if (!current) return NOT_FOUND;
  if (current.status === target) return { ok: true, message: `“${current.name}” is already ${target}.` };
  const changed = await setApiKeyStatus({
    id,
    communityId: user.communityId,
    status: target,
    actorId: user.id,
    audit: async (tx, key) => {
      await writeAudit(tx, { communityId: key.communityId, actorId: user.id, action: target === 'disabled' ? 'api_key.disabled' : 'api_key.enabled', apiKeyId: key.id, ip });
      if (target === 'disabled') await queueKeyChangeNotice(tx, { apiKeyId: key.id, change: 'disabled', actor: actorOf(user, ip), at: key.updatedAt });
    },
  });
  return changed ? { ok: true } : NOT_FOUND;
}

/** Irreversible. The admin must type the key's name, as on GitHub's danger zone. */
export async function deleteKey(data: { id: string; confirmName: string }, { user, ip }: AdminContext): Promise<FormState> {
  const current = await findApiKeyForAdmin({ id: data.id, communityId: user.communityId });
  if (!current) return NOT_FOUND;
  if (data.confirmName.trim() !== current.name) return { errors: { confirmName: [`Type “${current.name}” to confirm`] } };
  const deleted = await setApiKeyStatus({
    id: data.id,
    communityId: user.communityId,
    status: 'deleted',
    actorId: user.id,
    audit: async (tx, key) => {
      await writeAudit(tx, { communityId: key.communityId, actorId: user.id, action: 'api_key.deleted', apiKeyId: key.id, ip, details: { name: key.name, hint: key.hint } });
      await queueKeyChangeNotice(tx, { apiKeyId: key.id, change: 'deleted', actor: actorOf(user, ip), at: key.updatedAt });
    },
  });
  return deleted ? { ok: true } : NOT_FOUND;
}

export type RotatedKey = { name: string; key: string; graceUntil: string };

/** A new secret for the same key record; the old one works until the grace period ends. */
export async function rotateKey(data: { id: string; grace: GracePeriod }, { user, ip }: AdminContext): Promise<FormState<RotatedKey>> {
  const current = await findApiKeyForAdmin({ id: data.id, communityId: user.communityId });
  if (!current) return NOT_FOUND;
  const generated = generateApiKey(current.prefix);
  const now = new Date();
  const rotated = await rotateApiKeySecret({
    id: data.id,
    communityId: user.communityId,
    secret: { hash: generated.hash, hint: generated.hint },
    graceEnd: (keyExpiresAt) => graceEndsAt(data.grace, now, keyExpiresAt),
    actorId: user.id,
    ip,
    inTransaction: (tx, change) => queueKeyChangeNotice(tx, { apiKeyId: data.id, change: 'rotated', ...change, actor: actorOf(user, ip), at: now }),
  });
  if (!rotated) return NOT_FOUND;
  return { ok: true, data: { name: rotated.name, key: generated.key, graceUntil: rotated.graceUntil.toISOString() } };
}

export type RefusedCaller = { ip: string | null; integrationNames: string[]; lastSeen: string; requests: number };

/** Dry run of new IP limits: which of the last 30 days' callers they would refuse. Changes nothing. */
export async function previewIpLimits(data: { id: string; ipLimits: string }, { user }: AdminContext): Promise<FormState<RefusedCaller[]>> {
  const parsed = parseIpLimits(data.ipLimits);
  if (!parsed.ok) return { errors: { ipLimits: parsed.errors } };
  const callers = await ipLimitDryRun({ apiKeyId: data.id, communityId: user.communityId, ipLimits: parsed.entries, days: 30 });
  return { ok: true, data: callers.map((caller) => ({ ...caller, lastSeen: caller.lastSeen.toISOString() })) };
}
