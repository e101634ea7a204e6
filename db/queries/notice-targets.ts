import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../index';
import { apiKeys, communities, users } from '../schema';

type Recipient = { id: string; email: string };

/** A key as a notice names it, and who receives that notice. */
export type NoticeTarget = {
  id: string;
  communityId: string;
  communityName: string;
  name: string;
  hint: string;
  ipLimits: string[];
  notifyOnUse: boolean;
  /** The admin who turned notifications on: usage notices go only to them. */
  notifyUser: Recipient | null;
  /** Security notices: that admin, else the key's creator; null when neither is still an admin. */
  securityRecipient: Recipient | null;
};

const notifyUser = alias(users, 'notify_user');
const creator = alias(users, 'creator');

// A recipient must still be an admin of the key's community: a demoted member hears nothing more.
const stillAdmin = (user: typeof notifyUser | typeof creator) => and(eq(user.role, 'admin'), eq(user.communityId, apiKeys.communityId));

/** The keys (not deleted, unless `includeDeleted`) with their recipients, by id. */
export async function findNoticeTargets(
  tx: Tx | Db,
  { keyIds, includeDeleted = false }: { keyIds: string[]; includeDeleted?: boolean },
): Promise<Map<string, NoticeTarget>> {
  if (keyIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: apiKeys.id,
      communityId: apiKeys.communityId,
      communityName: communities.name,
      name: apiKeys.name,
      hint: apiKeys.hint,
      ipLimits: apiKeys.ipLimits,
      notifyOnUse: apiKeys.notifyOnUse,
      notifyId: notifyUser.id,
      notifyEmail: notifyUser.email,
      creatorId: creator.id,
      creatorEmail: creator.email,
    })
    .from(apiKeys)
    .innerJoin(communities, eq(communities.id, apiKeys.communityId))
    .leftJoin(notifyUser, and(eq(notifyUser.id, apiKeys.notifyUserId), stillAdmin(notifyUser)))
    .leftJoin(creator, and(eq(creator.id, apiKeys.createdById), stillAdmin(creator)))
    .where(and(inArray(apiKeys.id, keyIds), includeDeleted ? undefined : isNull(apiKeys.deletedAt)));
  return new Map(
    rows.map(({ notifyId, notifyEmail, creatorId, creatorEmail, ...key }) => {
      const notify = notifyId && notifyEmail ? { id: notifyId, email: notifyEmail } : null;
      const made = creatorId && creatorEmail ? { id: creatorId, email: creatorEmail } : null;
      return [key.id, { ...key, notifyUser: notify, securityRecipient: notify ?? made }];
    }),
  );
}
