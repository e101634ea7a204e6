import { z } from 'zod';
import { pagedSchema } from './paging';
import { id, timestamp } from './scalars';

export const projectSchema = z.object({ id, name: z.string(), description: z.string(), createdAt: timestamp }).meta({ id: 'Project' });

export const projectListSchema = pagedSchema(projectSchema, 'ProjectList');
