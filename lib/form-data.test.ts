import { NEW_KEY_EXPIRY } from '@/lib/api-keys/expiry';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeyFormSchema } from './validations/api-key';
import { formDataInput } from './form-data';
import { signInSchema } from './validations/sign-in';

const posted = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

describe('formDataInput', () => {
  it('reads the fields the schema names, and nothing else', () => {
    const data = posted([
      ['$ACTION_REF_1', ''],
      ['$ACTION_1:0', '{"id":"abc"}'],
      ['email', 'ada@example.com'],
      ['password', 'secret'],
      ['role', 'admin'],
    ]);
    expect(formDataInput(signInSchema, data)).toEqual({ email: 'ada@example.com', password: 'secret' });
  });

  it('reads checkboxes as booleans, dotted names as nested objects, leaves missing fields out', () => {
    const ticked = posted([
      ['name', 'Jira sync'],
      ['notifyOnUse', 'on'],
      ['permissions.projects', 'read'],
      ['permissions.members', 'none'],
      ['permissions.feedback', 'write'],
      ['rateLimitChoice', 'none'],
    ]);
    expect(formDataInput(apiKeyFormSchema, ticked)).toEqual({
      name: 'Jira sync',
      notifyOnUse: true,
      permissions: { projects: 'read', members: 'none', feedback: 'write' },
      rateLimitChoice: 'none',
    });
    expect(formDataInput(apiKeyFormSchema, posted([['name', 'x']]))).toEqual({ name: 'x', notifyOnUse: false, permissions: {} });
  });

  it('gives the schema what its own parse accepts, so one schema checks both paths', () => {
    const data = posted([
      ['name', 'Jira sync'],
      ['permissions.projects', 'read'],
      ['permissions.members', 'none'],
      ['permissions.feedback', 'write'],
    ]);
    const parsed = apiKeyFormSchema.safeParse(formDataInput(apiKeyFormSchema, data));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ name: 'Jira sync', notifyOnUse: false, expiry: NEW_KEY_EXPIRY, rateLimitChoice: 'limit' });
  });

  it('reads repeated names into an array', () => {
    const schema = z.object({ tags: z.array(z.string()).default([]) });
    expect(formDataInput(schema, posted([['tags', 'a'], ['tags', 'b']]))).toEqual({ tags: ['a', 'b'] });
  });
});
