import { z } from 'zod';
import { KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from '@/lib/api-keys/prefix';
import { parseIpLimits } from '@/lib/ip-limits';

export const API_KEY_NAME_MAX = 100;
export const API_KEY_DESCRIPTION_MAX = 500;

/**
 * The "Create an API Key" form: used by zodResolver in the browser and by the server action.
 * IP limits stay text here (what the admin typed); the server stores parseIpLimits' normalised list.
 */
export const apiKeyFormSchema = z.object({
  name: z
    .string({ message: 'Enter a name' })
    .trim()
    .min(1, 'Enter a name')
    .max(API_KEY_NAME_MAX, `Name must be at most ${API_KEY_NAME_MAX} characters`),
  description: z
    .string()
    .max(API_KEY_DESCRIPTION_MAX, `Description must be at most ${API_KEY_DESCRIPTION_MAX} characters`)
    .default(''),
  prefix: z
    .string()
    .trim()
    .refine((value) => value === '' || KEY_PREFIX_PATTERN.test(value), `Prefix must be ${KEY_PREFIX_RULE}`)
    .default(''),
  ipLimits: z
    .string()
    .max(100_000, 'Too much text: list at most 100 addresses or ranges')
    .superRefine((value, ctx) => {
      const result = parseIpLimits(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.errors.join('\n') });
    })
    .default(''),
  notifyOnUse: z.boolean().default(false),
});

export type ApiKeyFormInput = z.input<typeof apiKeyFormSchema>;
export type ApiKeyFormValues = z.output<typeof apiKeyFormSchema>;
