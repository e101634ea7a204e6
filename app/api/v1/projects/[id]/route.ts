import { findProject } from '@/db/queries/projects';
import { ApiError } from '@/lib/api/errors';
import { guarded, otherMethods } from '@/lib/api/guard';
import { respond } from '@/lib/api/respond';
import { projectSchema } from '@/lib/api/schemas/project';
import { isUuid } from '@/lib/is-uuid';

export const GET = guarded<{ id: string }>({ permission: 'projects:read' }, async ({ key }, _request, { params }) => {
  const { id } = await params;
  const project = isUuid(id) ? await findProject({ communityId: key.communityId, id }) : null;
  if (!project) throw new ApiError('not_found', 'No project with this id.');
  return respond(projectSchema, project);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
