import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretScanningKeysPort } from '../playwright.config';
import { startFakeGithubKeys } from '../test/fake-github-keys';

/** Where the signer's private key is left for e2e/leaked-keys.spec.ts (gitignored, rewritten each run). */
export const GITHUB_SIGNER_FILE = path.join(import.meta.dirname, '.auth', 'github-signer.json');

/**
 * Serves GitHub's secret-scanning public keys (a local fake with a key pair made now) for the whole
 * run, where the server was told to fetch them. It lives here, not in a spec, so a spec's worker
 * restarting after a failure signs with the same key the server has already cached.
 */
export default async function globalSetup() {
  const keys = await startFakeGithubKeys({ port: secretScanningKeysPort });
  const github = keys.addSigner();
  mkdirSync(path.dirname(GITHUB_SIGNER_FILE), { recursive: true });
  writeFileSync(GITHUB_SIGNER_FILE, JSON.stringify({ privateKey: github.privateKey }));
  return () => keys.stop();
}
