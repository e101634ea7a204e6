import { z } from 'zod';
import { LEAKED_KEY_POLICIES, LEAKED_KEY_POLICY_VALUES } from '@/lib/leaked-keys/policy';

const choices = LEAKED_KEY_POLICY_VALUES.map((policy) => LEAKED_KEY_POLICIES[policy].label).join(' or ');

/** The Integration center's "When a key is reported leaked" form, on the client and in its action. */
export const leakedKeyPolicySchema = z.strictObject({
  policy: z.enum(LEAKED_KEY_POLICY_VALUES, { message: `Choose ${choices}` }),
});

export type LeakedKeyPolicyValues = z.infer<typeof leakedKeyPolicySchema>;
