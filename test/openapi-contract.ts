import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** An answer as an integration received it. */
export type ReceivedAnswer = { method: string; path: string; status: number; headers: Headers; body: unknown };

type Json = Record<string, unknown>;
type Operation = { responses: Record<string, Json> };

const DOCUMENT_ID = 'openapi.json';
const pointer = (...segments: string[]) => segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks answers against the published OpenAPI 3.1 document: the status must be one the operation
 * documents, every required header present and every documented header's value valid, and the body
 * valid against the response schema — all JSON Schema 2020-12, validated by Ajv straight from the
 * document. A path or method that is no operation must still answer the shared Error.
 */
export function createContractValidator(document: Json) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // OpenAPI's own schema keywords (annotations), and the document's top level, which holds the schemas.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components', 'webhooks', 'jsonSchemaDialect']);
  ajv.addSchema(document, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();

  const validator = (ref: string) => {
    let validate = compiled.get(ref);
    if (!validate) compiled.set(ref, (validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${ref}` })));
    return validate;
  };
  const problemsOf = (validate: ValidateFunction, value: unknown, what: string) =>
    validate(value) ? [] : (validate.errors ?? []).map((error) => `${what}${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);

  const paths = document.paths as Record<string, Record<string, Operation>>;
  const templates = Object.keys(paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`),
  }));

  function resolveHeader(header: Json): Json {
    const ref = header.$ref as string | undefined;
    if (!ref) return header;
    return ref.split('/').slice(1).reduce<Json>((node, key) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')] as Json, document);
  }

  function headerProblems(headers: Record<string, Json>, received: Headers, base: string): string[] {
    return Object.entries(headers).flatMap(([name, header]) => {
      const value = received.get(name);
      if (value === null) return resolveHeader(header).required ? [`header ${name} is required but missing`] : [];
      const schemaRef = header.$ref ? `${(header.$ref as string).slice(1)}/schema` : `${base}/${pointer(name)}/schema`;
      return problemsOf(validator(schemaRef), value, `header ${name}`);
    });
  }

  /** What is wrong with an answer; empty when it matches the document. */
  return function problemsWith(answer: ReceivedAnswer): string[] {
    const method = answer.method.toLowerCase();
    const match = templates.find(({ pattern }) => pattern.test(answer.path));
    const operation = match && paths[match.template][method];
    if (!match || !operation) {
      // No operation (an unknown path, or a method the endpoint does not have): an error, as JSON.
      const problems = problemsOf(validator('/components/schemas/Error'), answer.body, 'body');
      return answer.headers.get('x-request-id') ? problems : [...problems, 'header X-Request-Id is required but missing'];
    }
    const label = `${answer.method.toUpperCase()} ${match.template}`;
    const status = String(answer.status);
    const response = operation.responses[status] ?? operation.responses.default;
    if (!response) return [`${label} does not document status ${status} (documented: ${Object.keys(operation.responses).join(', ')})`];
    const base = `/${pointer('paths', match.template, method, 'responses', operation.responses[status] ? status : 'default')}`;
    const problems = headerProblems((response.headers ?? {}) as Record<string, Json>, answer.headers, `${base}/headers`);
    const content = response.content as Record<string, unknown> | undefined;
    if (content?.['application/json']) {
      if (!/^application\/json\b/.test(answer.headers.get('content-type') ?? '')) problems.push(`content-type ${answer.headers.get('content-type')} is not application/json`);
      problems.push(...problemsOf(validator(`${base}/${pointer('content', 'application/json', 'schema')}`), answer.body, 'body'));
    }
    return problems.map((problem) => `${label} → ${status}: ${problem}`);
  };
}

/** The document is the /api/v1 contract (SPEC §10); the leaked-key endpoints follow GitHub's protocol instead. */
export const coveredByContract = (path: string): boolean => path.startsWith('/api/v1/');

/** Throws, naming every problem, when an answer does not match the document: the test fails on drift. */
export function assertMatchesContract(problemsWith: ReturnType<typeof createContractValidator>, answer: ReceivedAnswer): void {
  const problems = problemsWith(answer);
  if (problems.length > 0) throw new Error(`The answer does not match the OpenAPI document:\n  ${problems.join('\n  ')}\nBody: ${JSON.stringify(answer.body).slice(0, 500)}`);
}
