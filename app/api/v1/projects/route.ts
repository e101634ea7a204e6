import { listProjects } from '@/db/queries/projects';
import { guarded, otherMethods } from '@/lib/api/guard';
import { paged, parsePaging } from '@/lib/api/paging';
import { respond } from '@/lib/api/respond';
import { projectListSchema } from '@/lib/api/schemas/project';

export const GET = guarded({ permission: 'projects:read' }, async ({ key, url }) => {
  const paging = parsePaging(url.searchParams);
  const { rows, total } = await listProjects({ communityId: key.communityId, limit: paging.pageSize, offset: paging.offset });
  return respond(projectListSchema, paged(rows, total, paging));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
