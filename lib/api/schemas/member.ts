import { z } from 'zod';
import { USER_ROLES } from '@/lib/user-roles';
import { pagedSchema } from './paging';
import { id, timestamp } from './scalars';

export const memberSchema = z
  .object({ id, name: z.string(), email: z.email(), role: z.enum(USER_ROLES), joinedAt: timestamp })
  .meta({ id: 'Member' });

export const memberListSchema = pagedSchema(memberSchema, 'MemberList');
