import { describe, expect, it } from 'vitest';
import { unstorableText } from './storable-text';

const messagesOf = (value: unknown) => Object.fromEntries((unstorableText(value)?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('unstorableText', () => {
  it('names every field holding NUL or an unpaired surrogate, nested ones by their path', () => {
    expect(messagesOf({ title: 'a\0b', body: 'fine', tags: ['ok', 'x\uD800'], meta: { note: '\uDC00' } })).toEqual({
      title: 'title contains a NUL character (\\u0000), which cannot be stored',
      'tags.1': 'tags.1 contains an unpaired surrogate (not valid Unicode), which cannot be stored',
      'meta.note': 'meta.note contains an unpaired surrogate (not valid Unicode), which cannot be stored',
    });
  });

  it('refuses a field name holding such text too', () => {
    expect(messagesOf({ 'bad\0name': 1 })).toEqual({ '': 'A field name contains a NUL character (\\u0000), which cannot be stored' });
  });

  it('passes text Postgres stores as it is: emoji (paired surrogates), other control characters, non-strings', () => {
    expect(unstorableText({ a: '😀 café', b: 'tab\there\u0001', c: 1, d: null, e: [true, { f: 'ok' }] })).toBeNull();
  });

  it('walks a deeply nested body without overflowing the stack, and keeps its answer short', () => {
    const depth = 200_000;
    const deep = JSON.parse(`{"deep":${'['.repeat(depth)}"a\\u0000b"${']'.repeat(depth)}}`);
    const [issue] = unstorableText(deep)!.issues;
    expect(issue.path).toEqual(['deep', ...Array(15).fill(0), '…']);
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, '\0']));
    expect(unstorableText(many)!.issues).toHaveLength(20);
  });
});
