import { z } from 'zod';
import { FEEDBACK_KINDS } from '@/lib/feedback-kinds';
import { isUuid } from '@/lib/is-uuid';

const PROJECT_ID_RULE = 'projectId must be a project id (a UUID)';

/** POST /api/v1/feedback */
export const createFeedbackSchema = z.object({
  projectId: z.string({ message: PROJECT_ID_RULE }).refine(isUuid, { message: PROJECT_ID_RULE }),
  title: z.string({ message: 'title is required' }).trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters'),
  body: z.string({ message: 'body is required' }).trim().min(1, 'body must not be empty').max(10_000, 'body must be at most 10000 characters'),
  kind: z.enum(FEEDBACK_KINDS, { message: `kind must be one of: ${FEEDBACK_KINDS.join(', ')}` }),
});
