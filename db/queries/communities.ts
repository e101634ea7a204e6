import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { DEFAULT_LEAKED_KEY_POLICY, type LeakedKeyPolicy } from '@/lib/leaked-keys/policy';
import { getDb, type Tx } from '../index';
import { communities } from '../schema';

/** The community a signed-out visitor sees: this deployment's first community. */
export async function findDisplayCommunity() {
  const [community] = await getDb().select().from(communities).orderBy(asc(communities.createdAt)).limit(1);
  return community ?? null;
}

export async function findCommunity({ id }: { id: string }) {
  const [community] = await getDb().select().from(communities).where(eq(communities.id, id));
  return community ?? null;
}

/** The community, locked until the transaction ends: settings change one at a time. */
export async function lockCommunity(tx: Tx, { id }: { id: string }) {
  const [community] = await tx.select().from(communities).where(eq(communities.id, id)).for('update');
  return community ?? null;
}

/** What the community does with a key reported leaked (read in the report's transaction). */
export async function leakedKeyPolicyOf(tx: Tx, { communityId }: { communityId: string }): Promise<LeakedKeyPolicy> {
  const [community] = await tx.select({ policy: communities.leakedKeyPolicy }).from(communities).where(eq(communities.id, communityId));
  return community?.policy ?? DEFAULT_LEAKED_KEY_POLICY;
}

export async function updateLeakedKeyPolicy(tx: Tx, { id, policy }: { id: string; policy: LeakedKeyPolicy }) {
  await tx.update(communities).set({ leakedKeyPolicy: policy }).where(eq(communities.id, id));
}
