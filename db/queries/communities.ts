import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '../index';
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
