import { z } from 'zod';

/**
 * A form's fields as posted by the browser (FormData, before the page's JavaScript runs), read
 * into the shape its zod schema expects, so the server validates a plain post with the same
 * schema as the hydrated form's values. Read by the schema: a checkbox posts its name only when
 * ticked (→ true/false), `a.b` names fill nested objects (the permissions radios), a field not
 * posted stays undefined (its default applies, or the schema says it is missing). Anything posted
 * that the schema does not name (Next's own $ACTION fields) is left out.
 */
export function formDataInput(schema: z.ZodType, formData: FormData, prefix = ''): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const shape = unwrap(schema);
  if (!(shape instanceof z.ZodObject)) return input;
  for (const [key, field] of Object.entries(shape.shape as Record<string, z.ZodType>)) {
    const name = `${prefix}${key}`;
    const inner = unwrap(field);
    if (inner instanceof z.ZodObject) input[key] = formDataInput(inner, formData, `${name}.`);
    else if (inner instanceof z.ZodBoolean) input[key] = formData.has(name);
    else if (inner instanceof z.ZodArray) input[key] = formData.getAll(name).filter((value) => typeof value === 'string');
    else {
      const value = formData.get(name);
      if (typeof value === 'string') input[key] = value; // a file is never a field of these forms
    }
  }
  return input;
}

/** The schema under defaults, optionals and transforms: what the browser's field holds. */
function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return unwrap(schema.def.in as z.ZodType);
  return schema;
}
