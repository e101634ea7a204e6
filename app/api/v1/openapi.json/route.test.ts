import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it, vi } from 'vitest';
import * as zodOpenApi from 'zod-openapi';
import { GET } from './route';

// No database: any use of it fails this test.
vi.mock('@/db/index', () => {
  throw new Error('GET /api/v1/openapi.json must not touch the database');
});
vi.mock('zod-openapi', async (importOriginal) => {
  const original = await importOriginal<typeof zodOpenApi>();
  return { ...original, createDocument: vi.fn(original.createDocument) };
});

describe('GET /api/v1/openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document without a key, built once per process', async () => {
    const first = await GET();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    const document = await first.json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');

    expect(await (await GET()).text()).toBe(JSON.stringify(document));
    expect(zodOpenApi.createDocument).toHaveBeenCalledTimes(1);
  });

  it('names both security schemes and, per operation, the permission it needs', async () => {
    const document = await (await GET()).json();
    expect(document.components.securitySchemes).toEqual({
      ApiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      Bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.paths['/api/v1/feedback'].post['x-required-permission']).toBe('feedback:write');
    expect(document.paths['/api/v1/openapi.json'].get.security).toEqual([]);
  });
});
