import { describe, expect, it } from 'vitest';
import { generateApiKey } from '@/lib/api-keys';
import { urlCarriesKey } from './key-in-url';

const { key } = generateApiKey('acme');
const url = (path: string) => new URL(path, 'http://localhost');

describe('urlCarriesKey', () => {
  it.each([
    '/api/v1/me?apiKey=x',
    '/api/v1/me?API_KEY=x',
    '/api/v1/me?x-api-key=x',
    '/api/v1/me?X-Api-Key=',
    '/api/v1/me?page=1&Token=abc',
    `/api/v1/${key}`,
    `/api/v1/me/${key}`,
    `/api/v1/me;key=${key}`,
    `/api/v1/projects?q=${key}`,
  ])('refuses %s', (path) => {
    expect(urlCarriesKey(url(path))).toBe(true);
  });

  it.each(['/api/v1/me', '/api/v1/projects?page=2&pageSize=50', '/api/v1/feedback?projectId=0b6f8a52-3c1e-4f7d-9a43-2f5d7c9e1b20', '/api/v1/projects?keys=1&tokens=2'])(
    'lets %s through',
    (path) => {
      expect(urlCarriesKey(url(path))).toBe(false);
    },
  );
});
