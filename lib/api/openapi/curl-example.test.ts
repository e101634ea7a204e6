import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlExample, withApiKey } from './curl-example';
import { API_OPERATIONS } from './operations';

const operation = (operationId: string) => API_OPERATIONS.find((candidate) => candidate.operationId === operationId)!;

describe('curlExample', () => {
  it('sends the key from $API_KEY and fills path and query from the example', () => {
    expect(curlExample(operation('getProject'), 'https://c.test')).toBe('curl -H "X-API-Key: $API_KEY" \\\n  "https://c.test/api/v1/projects/$PROJECT_ID"');
    expect(curlExample(operation('listProjects'), 'https://c.test')).toContain('"https://c.test/api/v1/projects?page=1&pageSize=20"');
  });

  it('sends a JSON body the shell passes on intact, with $PROJECT_ID expanded', () => {
    const command = curlExample(operation('createFeedback'), 'https://c.test');
    // A `curl` that prints its arguments: what the shell hands over is what the API receives.
    const shell: Record<string, string> = { API_KEY: 'k', PROJECT_ID: 'p-1' };
    const args = execFileSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }; ${command}`], { env: shell as NodeJS.ProcessEnv, encoding: 'utf8' }).split('\n');
    expect(args.slice(0, 6)).toEqual(['-H', 'X-API-Key: k', '-H', 'Content-Type: application/json', '-d', '{"projectId":"p-1","title":"Hello","body":"From curl","kind":"idea"}']);
  });

  it('writes a given key into the command, so the shell passes it on as it is', () => {
    const command = withApiKey(curlExample(operation('getCallingKey'), 'https://c.test'), 'ic_abc$HOME"x');
    expect(command).not.toContain('$API_KEY');
    const shell: Record<string, string> = { HOME: '/nowhere' };
    const args = execFileSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }; ${command}`], { env: shell as NodeJS.ProcessEnv, encoding: 'utf8' }).split('\n');
    expect(args.slice(0, 3)).toEqual(['-H', 'X-API-Key: ic_abc$HOME"x', 'https://c.test/api/v1/me']);
  });
});
