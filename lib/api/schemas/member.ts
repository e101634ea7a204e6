import { z } from 'zod';
import { userRole } from '@/db/schema';
import { pagedSchema } from './paging';
import { id, timestamp } from './scalars';

export const memberSchema = z
  .object({ id, name: z.string(), email: z.email(), role: z.enum(userRole.enumValues), joinedAt: timestamp })
  .meta({ id: 'Member' });

export const memberListSchema = pagedSchema(memberSchema, 'MemberList');
