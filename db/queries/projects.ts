import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import { getDb } from '../index';
import { projects } from '../schema';

const projectFields = { id: projects.id, name: projects.name, description: projects.description, createdAt: projects.createdAt };

export async function listProjects({ communityId, limit, offset }: { communityId: string; limit: number; offset: number }) {
  const where = eq(projects.communityId, communityId);
  const [rows, [{ total }]] = await Promise.all([
    getDb().select(projectFields).from(projects).where(where).orderBy(desc(projects.createdAt), desc(projects.id)).limit(limit).offset(offset),
    getDb().select({ total: count() }).from(projects).where(where),
  ]);
  return { rows, total };
}

export async function findProject({ communityId, id }: { communityId: string; id: string }) {
  const [row] = await getDb()
    .select(projectFields)
    .from(projects)
    .where(and(eq(projects.communityId, communityId), eq(projects.id, id)));
  return row ?? null;
}
