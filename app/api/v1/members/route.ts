import { listMembers } from '@/db/queries/users';
import { guarded, otherMethods } from '@/lib/api/guard';
import { paged, parsePaging } from '@/lib/api/paging';
import { respond } from '@/lib/api/respond';
import { memberListSchema } from '@/lib/api/schemas/member';

export const GET = guarded({ permission: 'members:read' }, async ({ key, url }) => {
  const paging = parsePaging(url.searchParams);
  const { rows, total } = await listMembers({ communityId: key.communityId, limit: paging.pageSize, offset: paging.offset });
  return respond(memberListSchema, paged(rows, total, paging));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
