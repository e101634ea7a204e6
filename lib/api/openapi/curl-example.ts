import type { ApiOperation } from './operations';

/** Inside double quotes the shell still expands `$VARIABLE`; only these need a backslash. */
const doubleQuoted = (text: string) => `"${text.replace(/["\\`]/g, (char) => `\\${char}`)}"`;

/**
 * A curl command that runs as it is against `baseUrl`: its placeholders are shell variables, so
 * `export API_KEY=…` (and PROJECT_ID where used) once, then paste.
 */
export function curlExample(operation: ApiOperation, baseUrl: string): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => operation.example?.path?.[name] ?? `$${name.toUpperCase()}`);
  const query = operation.example?.query ? `?${operation.example.query}` : '';
  const body = operation.example?.body;
  // curl sends GET, or POST when given a body: other methods are named.
  const inferred = operation.method === 'get' || (operation.method === 'post' && body !== undefined);
  const lines = [`curl ${inferred ? '' : `-X ${operation.method.toUpperCase()} `}-H "X-API-Key: $API_KEY"`];
  if (body !== undefined) {
    lines.push('-H "Content-Type: application/json"', `-d ${doubleQuoted(JSON.stringify(body))}`);
  }
  lines.push(doubleQuoted(`${baseUrl}${path}${query}`));
  return lines.join(' \\\n  ');
}

/**
 * The same command with a key written in, for the dialog that shows a new key once: it runs as
 * pasted. (A function replacer: a `$` in the replacement must not be read as a pattern.)
 */
export function withApiKey(command: string, apiKey: string): string {
  return command.replaceAll('$API_KEY', () => apiKey.replace(/["\\`$]/g, (char) => `\\${char}`));
}
