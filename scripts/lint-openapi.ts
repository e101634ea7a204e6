/**
 * `npm run lint:openapi`: writes the OpenAPI document exactly as GET /api/v1/openapi.json serves it
 * and lints it with Redocly CLI (redocly.yaml: its recommended rules). Errors fail `npm test`;
 * warnings are printed. Nothing leaves the machine: telemetry and the update check are off.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '../lib/api/openapi/document';

const dir = mkdtempSync(path.join(tmpdir(), 'openapi-'));
const file = path.join(dir, 'openapi.json');
// Indented, so the linter's line numbers point somewhere readable.
writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
const redocly = path.join(process.cwd(), 'node_modules', '.bin', 'redocly');
const result = spawnSync(redocly, ['lint', file, '--config', 'redocly.yaml', '--format', 'stylish', '--max-problems', '1000'], {
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
