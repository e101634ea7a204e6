import { createFeedback, listFeedback } from '@/db/queries/feedback';
import { findProject } from '@/db/queries/projects';
import { readJsonBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { guarded, otherMethods } from '@/lib/api/guard';
import { paged, parsePaging } from '@/lib/api/paging';
import { isUuid } from '@/lib/is-uuid';
import { createFeedbackSchema } from '@/lib/validations/feedback';

async function projectOf(communityId: string, projectId: string) {
  const project = await findProject({ communityId, id: projectId });
  if (!project) throw new ApiError('not_found', 'No project with this projectId.');
  return project;
}

export const GET = guarded({ permission: 'feedback:read' }, async ({ key, url }) => {
  const projectId = url.searchParams.get('projectId');
  if (!projectId || !isUuid(projectId)) {
    throw new ApiError('validation_failed', undefined, { projectId: ['projectId is required and must be a project id (a UUID)'] });
  }
  const paging = parsePaging(url.searchParams);
  await projectOf(key.communityId, projectId);
  const { rows, total } = await listFeedback({ communityId: key.communityId, projectId, limit: paging.pageSize, offset: paging.offset });
  return Response.json(paged(rows, total, paging));
});

export const POST = guarded({ permission: 'feedback:write' }, async ({ key }, request) => {
  const input = await readJsonBody(request, createFeedbackSchema);
  await projectOf(key.communityId, input.projectId);
  const created = await createFeedback({ ...input, communityId: key.communityId, apiKeyId: key.id });
  return Response.json(created, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
