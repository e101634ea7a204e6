import { z } from 'zod';

export const FEEDBACK_KINDS = ['bug', 'idea', 'praise'] as const;

/** POST /api/v1/feedback */
export const createFeedbackSchema = z.object({
  projectId: z.uuid({ message: 'projectId must be a project id (a UUID)' }),
  title: z.string({ message: 'title is required' }).trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters'),
  body: z.string({ message: 'body is required' }).trim().min(1, 'body must not be empty').max(10_000, 'body must be at most 10000 characters'),
  kind: z.enum(FEEDBACK_KINDS, { message: 'kind must be one of: bug, idea, praise' }),
});

export const uuidSchema = z.uuid();
