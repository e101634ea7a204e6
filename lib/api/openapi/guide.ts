import { API_KEY_FORMAT } from '@/lib/api-keys/format';
import { API_KEY_SCAN_PATTERN } from '@/lib/api-keys/key-pattern';
import { describeRequirement, PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES } from '@/lib/api-keys/permissions';
import { describeRateLimit, NEW_KEY_RATE_LIMIT } from '@/lib/api-keys/rate-limit-policy';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@/lib/api/schemas/paging';
import { curlExample } from './curl-example';
import { API_OPERATIONS, GET_CALLING_KEY } from './operations';

const table = (head: string[], rows: string[][]) => [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/**
 * The document's introduction (info.description, Markdown), rendered at the top of the API
 * reference: how to call, the key format, permissions, rate limits and errors, each from its table.
 */
export function apiGuide({ baseUrl, unauthenticatedLimit }: { baseUrl: string; unauthenticatedLimit: number }): string {
  return [
    'Call the API of this community with an API key. A community admin creates keys in **Integration center → API Keys → Create an API Key**; the key is shown once.',
    '## Getting started',
    `\`\`\`sh\nexport API_KEY=acme_…   # the key shown once after Submit\n${curlExample(GET_CALLING_KEY, baseUrl)}\n\`\`\``,
    'Every operation below has a curl example like this one: set `API_KEY` (and `PROJECT_ID`, an id from List projects, where it is used) and paste it.',
    '## Authentication',
    'Send the key in the `X-API-Key` header, or as `Authorization: Bearer <key>`. Never put a key in a URL: a call with a key anywhere in its path or query, or with a query parameter named like one (`?apiKey=`, `?api_key=`, `?key=`, `?token=`, … in any case), is refused with 400 `key_in_url` (rotate that key), and the key is redacted to its prefix and last 4 characters wherever the call is logged. A key stops working at once when it is disabled, deleted or expires.',
    '## Key format (for secret scanners)',
    `Keys look like \`<prefix>_<${API_KEY_FORMAT.secretLength} base62 characters><${API_KEY_FORMAT.checksumLength} characters of checksum>\`. Search text for this regular expression:\n\n\`\`\`\n${API_KEY_SCAN_PATTERN}\n\`\`\`\n\nThe last ${API_KEY_FORMAT.checksumLength} characters are the CRC32 of everything before them, written as ${API_KEY_FORMAT.checksumLength} base62 digits (\`0-9A-Za-z\`, most significant first, zero-padded): a match whose checksum agrees is almost surely a real key, checked without calling the API.`,
    '## Permissions',
    `Each key has one level per resource: ${Object.values(PERMISSION_LEVELS).map((level) => `**${level.label}**`).join(', ')} (write includes read). A call the key may not make answers 403 \`insufficient_scope\` naming the permission it needs, and every answer of an endpoint that needs one carries \`X-Accepted-Permissions: <resource>=<read|write>\`.`,
    table(['Resource', 'What it covers'], RESOURCE_VALUES.map((resource) => [PERMISSION_RESOURCES[resource].label, PERMISSION_RESOURCES[resource].description])),
    table(['Operation', 'Needs'], API_OPERATIONS.map((operation) => [`\`${operation.method.toUpperCase()} ${operation.path}\``, describeRequirement(operation.permission) ?? 'nothing: any valid key'])),
    '## Rate limits',
    `Each key has a rate limit, set by an admin (new keys: ${describeRateLimit(NEW_KEY_RATE_LIMIT)}), counted over a sliding window. Every answer for a limited key says where it stands with \`RateLimit-Policy\` and \`RateLimit\` (IETF RateLimit header draft) and \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\`, \`X-RateLimit-Reset\` (Unix seconds). Over the limit the answer is 429 \`rate_limited\` with \`Retry-After: <seconds>\`: wait that long and retry; refused calls do not count. Calls without a valid key are limited per client IP address (${unauthenticatedLimit} a minute).`,
    '## Errors',
    'Every error is JSON, `{"error":{"code","message","requestId"}}`, with `fields` (messages per field) on `validation_failed`. Branch on `code`; the message is for people. Every answer carries `X-Request-Id`, the same id as `requestId`. Text that cannot be stored (the NUL character `\\u0000`, an unpaired surrogate) is `validation_failed` naming its field; a method an endpoint does not have (TRACE and CONNECT included) is 405 `method_not_allowed`.',
    table(['Status', 'Code', 'Meaning'], (Object.keys(API_ERRORS) as ApiErrorCode[]).map((code) => [String(API_ERRORS[code].status), `\`${code}\``, API_ERRORS[code].message])),
    '## Paging',
    `Lists take \`?page=\` (from 1) and \`?pageSize=\` (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}) and answer \`{"data":[…],"paging":{"page","pageSize","total","totalPages"}}\`.`,
  ].join('\n\n');
}
