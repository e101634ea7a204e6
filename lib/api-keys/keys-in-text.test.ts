import { describe, expect, it } from 'vitest';
import { generateApiKey } from './generate';
import { containsApiKey, redactApiKeys } from './keys-in-text';

const { key, hint } = generateApiKey('acme_live');
// The same shape with one secret character changed: the checksum no longer holds.
const typo = key.slice(0, 12) + (key[12] === 'x' ? 'y' : 'x') + key.slice(13);
const encoded = key.replaceAll('_', '%5F').replace(/^a/, '%61');

describe('containsApiKey', () => {
  it.each([
    ['a path segment', `/api/v1/${key}`],
    ['a later segment', `/api/v1/me/${key}`],
    ['a matrix parameter', `/api/v1/me;key=${key}`],
    ['a query value under any name', `/api/v1/projects?page=1&q=${key}`],
    ['characters glued on either side', `/api/v1/v1-x${key}Zz`],
    ['percent-encoded characters', `/api/v1/me/${encoded}`],
  ])('finds a key in %s', (_where, url) => {
    expect(containsApiKey(url)).toBe(true);
  });

  it.each([
    ['a short URL', '/api/v1/me'],
    ['UUIDs and paging', '/api/v1/feedback?projectId=0b6f8a52-3c1e-4f7d-9a43-2f5d7c9e1b20&page=2&pageSize=50'],
    ['a key with a typo (its checksum fails)', `/api/v1/me/${typo}`],
    ['a truncated key', `/api/v1/me/${key.slice(0, -1)}`],
    ['a long path of ordinary words', `/api/v1/${'segment/'.repeat(40)}`],
  ])('finds none in %s', (_where, url) => {
    expect(containsApiKey(url)).toBe(false);
  });
});

describe('redactApiKeys', () => {
  it('keeps the prefix and last 4 of every key-shaped part, typos included', () => {
    expect(redactApiKeys(`/api/v1/me/${key};x=${typo}`)).toBe(`/api/v1/me/${hint};x=${typo.slice(0, 9)}_…${typo.slice(-4)}`);
    expect(redactApiKeys(`/api/v1/me/${encoded}`)).toBe(`/api/v1/me/${hint}`);
    expect(redactApiKeys(`/a/${key}/b/${key}`)).not.toContain(key.slice(10, 30));
  });

  it('returns a text without keys as it is, percent-encoding included', () => {
    for (const text of ['/api/v1/me', '/api/v1/projects/caf%C3%A9%5F', `/api/v1/${'x'.repeat(5000)}`]) expect(redactApiKeys(text)).toBe(text);
  });
});
