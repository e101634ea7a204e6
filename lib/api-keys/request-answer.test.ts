import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '@/lib/api/errors';
import { requestAnswer } from './request-answer';

describe('requestAnswer', () => {
  it('gives the code and the exact message the API returns for it', () => {
    expect(requestAnswer('ip_not_allowed')).toBe('The API answered: ip_not_allowed — This API key may not be used from your IP address.');
    for (const code of Object.keys(API_ERRORS)) expect(requestAnswer(code)).toContain(`${code} — `);
  });

  it('says an allowed request had no error, and names a leak report or an unknown code', () => {
    expect(requestAnswer('ok')).toBe('No error: the request was allowed.');
    expect(requestAnswer('reported_leaked')).toBe('No API call: GitHub secret scanning reported this key as leaked.');
    expect(requestAnswer('toString')).toContain('“toString”');
  });
});
