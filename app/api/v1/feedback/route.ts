import { createFeedback, listFeedback } from '@/db/queries/feedback';
import { findProject } from '@/db/queries/projects';
import { readJsonBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { guarded, otherMethods } from '@/lib/api/guard';
import { paged, parsePaging } from '@/lib/api/paging';
import { parseQuery } from '@/lib/api/query';
import { respond } from '@/lib/api/respond';
import { feedbackListSchema, feedbackSchema } from '@/lib/api/schemas/feedback';
import { createFeedbackSchema, feedbackQuerySchema } from '@/lib/validations/feedback';

async function projectOf(communityId: string, projectId: string) {
  const project = await findProject({ communityId, id: projectId });
  if (!project) throw new ApiError('not_found', 'No project with this projectId.');
  return project;
}

export const GET = guarded({ permission: 'feedback:read' }, async ({ key, url }) => {
  const { projectId } = parseQuery(feedbackQuerySchema, url.searchParams);
  const paging = parsePaging(url.searchParams);
  await projectOf(key.communityId, projectId);
  const { rows, total } = await listFeedback({ communityId: key.communityId, projectId, limit: paging.pageSize, offset: paging.offset });
  return respond(feedbackListSchema, paged(rows, total, paging));
});

export const POST = guarded({ permission: 'feedback:write' }, async ({ key }, request) => {
  const input = await readJsonBody(request, createFeedbackSchema);
  await projectOf(key.communityId, input.projectId);
  const created = await createFeedback({ ...input, communityId: key.communityId, apiKeyId: key.id });
  return respond(feedbackSchema, created, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
