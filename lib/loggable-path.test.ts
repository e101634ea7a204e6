import { describe, expect, it } from 'vitest';
import { generateApiKey } from './api-keys';
import { loggablePath } from './loggable-path';

describe('loggablePath', () => {
  it('cuts the query string and fragment', () => {
    expect(loggablePath('/api/v1/projects?api_key=secret')).toBe('/api/v1/projects');
    expect(loggablePath('/api/v1/projects#x?y')).toBe('/api/v1/projects');
    expect(loggablePath('/api/v1/me')).toBe('/api/v1/me');
  });

  it('keeps only the prefix and last 4 of a key in the path', () => {
    const { key, hint } = generateApiKey('acme');
    expect(loggablePath(`/api/v1/me/${key}?token=${key}`)).toBe(`/api/v1/me/${hint}`);
    expect(loggablePath(`/api/v1/me;key=${key}`)).toBe(`/api/v1/me;key=${hint}`);
  });
});
