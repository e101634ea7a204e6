import { z } from 'zod';
import { LEVEL_VALUES, PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES, type PermissionResource } from '@/lib/api-keys/permissions';
import { id, timestamp } from './scalars';

const level = z.enum(LEVEL_VALUES).meta({ description: LEVEL_VALUES.map((value) => `\`${value}\`: ${PERMISSION_LEVELS[value].label}`).join(' · ') });

const permissionsSchema = z
  .object(Object.fromEntries(RESOURCE_VALUES.map((resource) => [resource, level.meta({ description: PERMISSION_RESOURCES[resource].description })])) as Record<PermissionResource, typeof level>)
  .meta({ id: 'Permissions', description: 'What the key may do, per resource (write includes read).' });

/** GET /api/v1/me: the calling key as its integration sees it (never its secret or hash). */
export const callingKeySchema = z
  .object({
    id,
    name: z.string(),
    prefix: z.string().meta({ example: 'acme' }),
    hint: z.string().meta({ description: 'Prefix and last 4 characters, as shown in the API Keys list.', example: 'acme_…x7Qa' }),
    ipLimits: z.array(z.string()).meta({ description: 'IPs and CIDRs the key may be used from; empty: any address.' }),
    permissions: permissionsSchema,
    createdAt: timestamp,
    expiresAt: timestamp.nullable().meta({ description: 'null: the key does not expire.' }),
  })
  .meta({ id: 'ApiKey' });
