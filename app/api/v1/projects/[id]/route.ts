import { findProject } from '@/db/queries/projects';
import { ApiError } from '@/lib/api/errors';
import { guarded, otherMethods } from '@/lib/api/guard';
import { uuidSchema } from '@/lib/validations/feedback';

export const GET = guarded<{ id: string }>(async ({ key }, _request, { params }) => {
  const { id } = await params;
  const project = uuidSchema.safeParse(id).success ? await findProject({ communityId: key.communityId, id }) : null;
  if (!project) throw new ApiError('not_found', 'No project with this id.');
  return Response.json(project);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
