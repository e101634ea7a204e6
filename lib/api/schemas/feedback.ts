import { z } from 'zod';
import { FEEDBACK_KINDS } from '@/lib/feedback-kinds';
import { pagedSchema } from './paging';
import { id, timestamp } from './scalars';

export const feedbackSchema = z
  .object({ id, projectId: id, title: z.string(), body: z.string(), kind: z.enum(FEEDBACK_KINDS), createdAt: timestamp })
  .meta({ id: 'Feedback' });

export const feedbackListSchema = pagedSchema(feedbackSchema, 'FeedbackList');
