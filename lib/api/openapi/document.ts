import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { describeRequirement } from '@/lib/api-keys/permissions';
import { apiErrorBodySchema } from '@/lib/api/schemas/error';
import { getConfig } from '@/lib/config';
import { appUrl } from '@/lib/email/links';
import { routes } from '@/lib/routes';
import { curlExample } from './curl-example';
import { errorResponses } from './error-responses';
import { apiGuide } from './guide';
import { errorsOf } from './operation-errors';
import { API_OPERATIONS, type ApiOperation } from './operations';
import { responseHeaders } from './response-headers';

const SECURITY_SCHEMES = {
  ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The key in the `X-API-Key` header.' },
  Bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'The same key as `Authorization: Bearer <key>`.' },
} as const;

const TAGS = [
  { name: 'Keys', description: 'The calling key.' },
  { name: 'Projects', description: 'The community’s projects.' },
  { name: 'Members', description: 'The community’s members.' },
  { name: 'Feedback', description: 'Feedback on projects: read it, or send it.' },
  { name: 'Reference', description: 'This document. Public: needs no key.' },
];

function operationObject(operation: ApiOperation, baseUrl: string): ZodOpenApiOperationObject {
  const requirement = describeRequirement(operation.permission);
  const needsPermission = requirement !== null;
  const needs = requirement ? `Needs **${requirement}** (\`${operation.permission}\`).` : 'Needs no permission: any valid key may call it.';
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: `${operation.description}\n\n${needs}`,
    tags: [operation.tag],
    'x-required-permission': operation.permission,
    'x-codeSamples': [{ lang: 'Shell', label: 'curl', source: curlExample(operation, baseUrl) }],
    ...(operation.params ? { requestParams: operation.params } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: operation.body } } } } : {}),
    responses: {
      [String(operation.success.status)]: {
        description: operation.success.description,
        headers: responseHeaders({ status: operation.success.status, needsPermission }),
        content: { 'application/json': { schema: operation.success.schema } },
      },
      ...errorResponses(errorsOf(operation), needsPermission),
    },
  };
}

/** GET /api/v1/openapi.json: the one operation that needs no key. */
function documentOperation(baseUrl: string): ZodOpenApiOperationObject {
  return {
    operationId: 'getOpenApiDocument',
    summary: 'This API description',
    description: 'This OpenAPI 3.1 document: feed it to a client generator or an API tool. Public: needs no key, and reads no data.',
    tags: ['Reference'],
    security: [],
    'x-codeSamples': [{ lang: 'Shell', label: 'curl', source: `curl "${baseUrl}${routes.openApiDocument}"` }],
    responses: { '200': { description: 'The document.', content: { 'application/json': { schema: { type: 'object' } } } } },
  };
}

/** The published API contract (SPEC §10), generated from the operation table and the routes' zod schemas. */
export function buildOpenApiDocument() {
  const baseUrl = appUrl();
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of API_OPERATIONS) paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation, baseUrl) };
  paths[routes.openApiDocument] = { get: documentOperation(baseUrl) };
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Integration Center API',
        version: '1',
        description: apiGuide({ baseUrl, unauthenticatedLimit: getConfig().UNAUTHENTICATED_RATE_LIMIT }),
      },
      servers: [{ url: baseUrl, description: 'This Integration Center' }],
      security: Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] })),
      tags: TAGS,
      paths,
      components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: apiErrorBodySchema } },
    },
    {
      // Readable types in the reference: the format says it, the regex zod adds for it would only be noise.
      override: ({ jsonSchema }) => {
        if (jsonSchema.format === 'uuid' || jsonSchema.format === 'date-time' || jsonSchema.format === 'email') delete jsonSchema.pattern;
      },
    },
  );
}

let built: { document: ReturnType<typeof buildOpenApiDocument>; json: string } | undefined;

/** Built once per process (the configuration it reads does not change while it runs). */
function once() {
  if (!built) {
    const document = buildOpenApiDocument();
    built = { document, json: JSON.stringify(document) };
  }
  return built;
}

export const openApiDocument = () => once().document;
/** The document as served: serialised once too. */
export const openApiJson = () => once().json;
