import { z } from 'zod';
import { EXPIRY_CHOICE_VALUES, NEW_KEY_EXPIRY, parseExpiryDate } from '@/lib/api-keys/expiry';
import { GRACE_PERIOD_VALUES } from '@/lib/api-keys/grace-period';
import { LEVEL_VALUES, PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES, type PermissionResource } from '@/lib/api-keys/permissions';
import { KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from '@/lib/api-keys/prefix';
import {
  isRateLimitCount,
  isRateLimitWindow,
  NEW_KEY_RATE_LIMIT,
  RATE_LIMIT_MAX,
  RATE_LIMIT_MIN,
  RATE_LIMIT_WINDOW_VALUES,
} from '@/lib/api-keys/rate-limit-policy';
import { formatCount } from '@/lib/format';
import { parseIpLimits } from '@/lib/ip-limits';
import { isUuid } from '@/lib/is-uuid';

// A key id arrives from the page; one that is not a UUID names no key.
const keyId = z.string({ message: 'Unknown API key' }).refine(isUuid, { message: 'Unknown API key' });

export const API_KEY_NAME_MAX = 100;
export const API_KEY_DESCRIPTION_MAX = 500;

const levelLabels = Object.values(PERMISSION_LEVELS).map((level) => level.label);
const LEVEL_CHOICES = `${levelLabels.slice(0, -1).join(', ')} or ${levelLabels.at(-1)}`;
const RESOURCE_NAMES = Object.values(PERMISSION_RESOURCES).map((resource) => resource.label);

/**
 * One level per resource, every resource present and nothing else: a forged post with an unknown
 * resource or level, a missing resource or an extra field is refused, never half-applied.
 */
export const permissionsSchema = z.strictObject(
  Object.fromEntries(
    RESOURCE_VALUES.map((resource) => [resource, z.enum(LEVEL_VALUES, { message: `Choose ${LEVEL_CHOICES} for ${PERMISSION_RESOURCES[resource].label}` })]),
  ) as Record<PermissionResource, z.ZodEnum<{ [L in (typeof LEVEL_VALUES)[number]]: L }>>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown ${issue.keys.length === 1 ? 'resource' : 'resources'} ${issue.keys.map((key) => `“${key}”`).join(', ')}: keys have permissions for ${RESOURCE_NAMES.join(', ')} only`
        : `Choose a level for each of ${RESOURCE_NAMES.join(', ')}`,
  },
);

// The settings shared by "Create an API Key" and "Edit": one definition, two forms.
const settings = {
  name: z
    .string({ message: 'Enter a name' })
    .trim()
    .min(1, 'Enter a name')
    .max(API_KEY_NAME_MAX, `Name must be at most ${API_KEY_NAME_MAX} characters`),
  description: z
    .string()
    .max(API_KEY_DESCRIPTION_MAX, `Description must be at most ${API_KEY_DESCRIPTION_MAX} characters`)
    .default(''),
  // What the admin typed; the server stores parseIpLimits' normalised list.
  ipLimits: z
    .string()
    .max(100_000, 'Too much text: list at most 100 addresses or ranges')
    .superRefine((value, ctx) => {
      const result = parseIpLimits(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.errors.join('\n') });
    })
    .default(''),
  notifyOnUse: z.boolean().default(false),
  permissions: permissionsSchema,
  expiresOn: z.string().max(10).default(''),
};

const RATE_LIMIT_CHOICE = z.enum(['none', 'limit'], { message: 'Choose No limit or Limit to' });
// As typed (the number input sends text) or as a number from a non-browser caller; checked below.
const rateLimitRequests = z.union([z.string().max(20), z.number()], { message: 'Enter a number of requests' });
const rateLimitWindow = z.string().max(20);
export const RATE_LIMIT_REQUESTS_RULE = `Enter a whole number from ${formatCount(RATE_LIMIT_MIN)} to ${formatCount(RATE_LIMIT_MAX)}`;
const WINDOW_RULE = `Choose ${RATE_LIMIT_WINDOW_VALUES.slice(0, -1).join(', ')} or ${RATE_LIMIT_WINDOW_VALUES.at(-1)}`;

/** Digits only (no "1.5", "1e3" or "abc"), within the bounds; checked only when "Limit to" is chosen. */
function checkRateLimit(value: { rateLimitChoice: string; rateLimitRequests: string | number; rateLimitWindow: string }, ctx: z.RefinementCtx) {
  if (value.rateLimitChoice !== 'limit') return;
  const requests = value.rateLimitRequests;
  const count = typeof requests === 'number' ? requests : /^\s*\d{1,10}\s*$/.test(requests) ? Number(requests) : NaN;
  if (!isRateLimitCount(count)) ctx.addIssue({ code: 'custom', path: ['rateLimitRequests'], message: RATE_LIMIT_REQUESTS_RULE });
  if (!isRateLimitWindow(value.rateLimitWindow)) ctx.addIssue({ code: 'custom', path: ['rateLimitWindow'], message: WINDOW_RULE });
}

function checkCustomExpiry(value: { expiry: string; expiresOn: string }, ctx: z.RefinementCtx) {
  if (value.expiry !== 'custom') return;
  const date = parseExpiryDate(value.expiresOn);
  if (!date) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Choose an expiry date' });
  else if (date.getTime() <= Date.now()) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Choose a date in the future' });
}

/** "Create an API Key": zodResolver in the browser and the server action both use it. */
export const apiKeyFormSchema = z
  .object({
    ...settings,
    prefix: z
      .string()
      .trim()
      .refine((value) => value === '' || KEY_PREFIX_PATTERN.test(value), `Prefix must be ${KEY_PREFIX_RULE}`)
      .default(''),
    // A caller that says nothing gets a new key's expiry and limit, as the form shows them.
    expiry: z.enum(EXPIRY_CHOICE_VALUES, { message: 'Choose when the key expires' }).default(NEW_KEY_EXPIRY),
    rateLimitChoice: RATE_LIMIT_CHOICE.default('limit'),
    rateLimitRequests: rateLimitRequests.default(String(NEW_KEY_RATE_LIMIT.limit)),
    rateLimitWindow: rateLimitWindow.default(NEW_KEY_RATE_LIMIT.window),
  })
  .superRefine(checkCustomExpiry)
  .superRefine(checkRateLimit);

export type ApiKeyFormInput = z.input<typeof apiKeyFormSchema>;
export type ApiKeyFormValues = z.output<typeof apiKeyFormSchema>;

const version = z.iso.datetime({ offset: true, message: 'Reload the page and try again' });

/** "Edit": the same settings (no prefix: it is part of the secret), plus the version it edits. */
export const apiKeyEditSchema = z
  .object({
    ...settings,
    id: keyId,
    /** updated_at as loaded: saving over someone else's newer change is refused. */
    version,
    expiry: z.enum(['keep', ...EXPIRY_CHOICE_VALUES], { message: 'Choose when the key expires' }).default('keep'),
    // No default: an edit that does not say which limit it wants must not change it to one.
    rateLimitChoice: RATE_LIMIT_CHOICE,
    rateLimitRequests: rateLimitRequests.default(''),
    rateLimitWindow: rateLimitWindow.default(''),
  })
  .superRefine(checkCustomExpiry)
  .superRefine(checkRateLimit);

export type ApiKeyEditInput = z.input<typeof apiKeyEditSchema>;
export type ApiKeyEditValues = z.output<typeof apiKeyEditSchema>;

export const apiKeyIdSchema = z.object({ id: keyId });

export const rotateApiKeySchema = z.object({
  id: keyId,
  /** updated_at as loaded: rotating over someone else's newer change is refused. */
  version,
  grace: z.enum(GRACE_PERIOD_VALUES, { message: 'Choose a grace period: none, 1 hour, 24 hours or 7 days' }),
});

export type RotateApiKeyValues = z.output<typeof rotateApiKeySchema>;

export const deleteApiKeySchema = z.object({
  id: keyId,
  confirmName: z.string().max(200),
});

export const previewIpLimitsSchema = z.object({
  id: keyId,
  ipLimits: z.string().max(100_000, 'Too much text: list at most 100 addresses or ranges'),
});
