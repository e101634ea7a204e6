import { describe, expect, it } from 'vitest';
import * as route from './route';

describe('an /api path no route answers', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)('%s gets the API’s JSON 404, not a page', async (method) => {
    const response = await route[method](new Request('http://localhost/api/no-such-endpoint', { method }));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect((await response.json()).error).toMatchObject({ code: 'not_found', message: 'There is no such endpoint.' });
  });
});
