import { describe, expect, it } from 'vitest';
import { edgeAnswer, isRoutedMethod, rawHttpAnswer } from './edge-answer';

describe('answers server.ts gives without Next', () => {
  it('leaves the methods Next routes to it, and takes every other', () => {
    expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].every(isRoutedMethod)).toBe(true);
    expect(['TRACE', 'CONNECT', 'PROPFIND', 'PURGE', 'get', undefined].some(isRoutedMethod)).toBe(false);
  });

  it('is a JSON 405 in the API error shape, also as raw HTTP for a CONNECT socket', () => {
    const answer = edgeAnswer('method_not_allowed', 'req-1');
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'method_not_allowed', message: expect.any(String), requestId: 'req-1' } });
    const [head, body] = rawHttpAnswer(answer, 'req-1').split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual(
      expect.arrayContaining(['HTTP/1.1 405 Method Not Allowed', 'content-type: application/json', `content-length: ${Buffer.byteLength(body)}`, 'x-request-id: req-1', 'connection: close']),
    );
    expect(body).toBe(answer.body);
  });
});
