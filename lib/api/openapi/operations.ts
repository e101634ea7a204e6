import { z } from 'zod';
import type { RequiredPermission } from '@/lib/api-keys/permissions';
import type { ApiErrorCode } from '@/lib/api/errors';
import { callingKeySchema } from '@/lib/api/schemas/api-key';
import { feedbackListSchema, feedbackSchema } from '@/lib/api/schemas/feedback';
import { memberListSchema } from '@/lib/api/schemas/member';
import { pagingQuerySchema } from '@/lib/api/schemas/paging';
import { projectListSchema, projectSchema } from '@/lib/api/schemas/project';
import { id } from '@/lib/api/schemas/scalars';
import { createFeedbackSchema, feedbackQuerySchema } from '@/lib/validations/feedback';

export type ApiOperation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As in the document; `{name}` marks a path parameter (the route folder `[name]`). */
  path: `/api/v1/${string}`;
  operationId: string;
  tag: 'Keys' | 'Projects' | 'Members' | 'Feedback';
  summary: string;
  description: string;
  /** What the route declares where it is guarded; the route-coverage test holds the two together. */
  permission: RequiredPermission;
  params?: { path?: z.ZodObject; query?: z.ZodObject };
  body?: z.ZodType;
  /** The answer when all goes well. */
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Errors this endpoint answers itself (`from: 'endpoint'` in API_ERRORS); the guard's are added for every operation. */
  errors?: ApiErrorCode[];
  /** What the curl example sends; `$NAME` is a shell variable the reader sets. */
  example?: { path?: Record<string, string>; query?: string; body?: unknown };
};

/** GET /api/v1/me: the call to try first with a new key. */
export const GET_CALLING_KEY: ApiOperation = {
  method: 'get',
  path: '/api/v1/me',
  operationId: 'getCallingKey',
  tag: 'Keys',
  summary: 'The calling key',
  description: 'The key the call was made with: id, name, prefix, IP limits, permissions, created and expiry. Any valid key may call it; use it to check a key works and what it may do.',
  permission: 'none',
  success: { status: 200, description: 'The calling key.', schema: callingKeySchema },
};

/** A list read a page at a time (`?page=&pageSize=`, answered as `{data, paging}`), with its own query fields if any. */
function pagedList(
  operation: Omit<ApiOperation, 'method' | 'params' | 'success'> & { query?: z.ZodObject; success: Omit<ApiOperation['success'], 'status'> },
): ApiOperation {
  const { query, success, ...rest } = operation;
  return {
    method: 'get',
    params: { query: query ? query.extend(pagingQuerySchema.shape) : pagingQuerySchema },
    success: { status: 200, ...success },
    example: { query: 'page=1&pageSize=20' },
    ...rest,
  };
}

/**
 * Every /api/v1 operation, in the order the reference shows them. The document is generated from
 * this table and the routes' own schemas; a test fails when a route and this table disagree.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  GET_CALLING_KEY,
  pagedList({
    path: '/api/v1/projects',
    operationId: 'listProjects',
    tag: 'Projects',
    summary: 'List projects',
    description: 'The community’s projects, newest first, a page at a time.',
    permission: 'projects:read',
    success: { description: 'A page of projects.', schema: projectListSchema },
  }),
  {
    method: 'get',
    path: '/api/v1/projects/{id}',
    operationId: 'getProject',
    tag: 'Projects',
    summary: 'Get a project',
    description: 'One project of the community, by id.',
    permission: 'projects:read',
    params: { path: z.object({ id: id.meta({ description: 'The project’s id, from List projects.' }) }) },
    success: { status: 200, description: 'The project.', schema: projectSchema },
    errors: ['not_found'],
    example: { path: { id: '$PROJECT_ID' } },
  },
  pagedList({
    path: '/api/v1/members',
    operationId: 'listMembers',
    tag: 'Members',
    summary: 'List members',
    description: 'Who is in the community (names and e-mail addresses), oldest first, a page at a time.',
    permission: 'members:read',
    success: { description: 'A page of members.', schema: memberListSchema },
  }),
  pagedList({
    path: '/api/v1/feedback',
    operationId: 'listFeedback',
    tag: 'Feedback',
    summary: 'List feedback on a project',
    description: 'Feedback sent on one project, newest first, a page at a time.',
    permission: 'feedback:read',
    query: feedbackQuerySchema,
    success: { description: 'A page of feedback.', schema: feedbackListSchema },
    errors: ['not_found'],
    example: { query: 'projectId=$PROJECT_ID' },
  }),
  {
    method: 'post',
    path: '/api/v1/feedback',
    operationId: 'createFeedback',
    tag: 'Feedback',
    summary: 'Send feedback',
    description: 'Sends feedback on a project, recorded as coming from the calling key.',
    permission: 'feedback:write',
    body: createFeedbackSchema,
    success: { status: 201, description: 'The feedback, as stored.', schema: feedbackSchema },
    errors: ['not_found'],
    example: { body: { projectId: '$PROJECT_ID', title: 'Hello', body: 'From curl', kind: 'idea' } },
  },
];
