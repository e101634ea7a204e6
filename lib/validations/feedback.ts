import { z } from 'zod';
import { FEEDBACK_KINDS } from '@/lib/feedback-kinds';
import { isUuid } from '@/lib/is-uuid';

const PROJECT_ID_RULE = 'projectId must be a project id (a UUID)';

const projectId = (message: string) => z.string({ message }).refine(isUuid, { message }).meta({ format: 'uuid', description: 'A project id, from GET /api/v1/projects.' });

/** POST /api/v1/feedback */
export const createFeedbackSchema = z
  .object({
    projectId: projectId(PROJECT_ID_RULE),
    title: z.string({ message: 'title is required' }).trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters'),
    body: z.string({ message: 'body is required' }).trim().min(1, 'body must not be empty').max(10_000, 'body must be at most 10000 characters'),
    kind: z.enum(FEEDBACK_KINDS, { message: `kind must be one of: ${FEEDBACK_KINDS.join(', ')}` }),
  })
  .meta({ id: 'NewFeedback', example: { projectId: '0b6f8a52-3c1e-4f7d-9a43-2f5d7c9e1b20', title: 'Hello', body: 'From curl', kind: 'idea' } });

/** GET /api/v1/feedback?projectId= (paging comes on top). */
export const feedbackQuerySchema = z.object({ projectId: projectId(`projectId is required; ${PROJECT_ID_RULE}`) });
