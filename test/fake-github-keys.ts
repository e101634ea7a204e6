import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for GitHub's secret-scanning public keys endpoint
 * (`{"public_keys":[{"key_identifier","key","is_current"}]}`), for tests: point
 * SECRET_SCANNING_KEYS_URL at `url`. Each signer is a fresh ECDSA P-256 pair made here, so a test
 * signs reports exactly as GitHub does, and can rotate keys in and out of what the fake publishes.
 */
export type FakeSigner = {
  identifier: string;
  /** The public key as GitHub publishes it (PEM). */
  publicKey: string;
  /** The private key (PKCS#8 PEM), so another process can sign as this signer (e2e/global-setup.ts). */
  privateKey: string;
  /** base64 DER ECDSA P-256 / SHA-256 signature of the raw body, as in Github-Public-Key-Signature. */
  sign(body: string | Uint8Array): string;
  /** The headers GitHub sends with a report signed by this key. */
  headers(body: string | Uint8Array): Record<string, string>;
};

export type FakeGithubKeys = {
  readonly url: string;
  /** How many times the keys were fetched. */
  readonly fetches: number;
  /** A new key pair; published unless `publish` is false. */
  addSigner(options?: { publish?: boolean }): FakeSigner;
  /** Stops publishing a signer's key (GitHub rotated it out). */
  unpublish(signer: FakeSigner): void;
  /** The endpoint answers 503 until set back to false. */
  setFailing(failing: boolean): void;
  stop(): Promise<void>;
};

/** A signer with a fresh ECDSA P-256 key pair, or with the private key given (PEM). */
export function createSigner(privateKeyPem?: string): FakeSigner {
  const privateKey = privateKeyPem ? createPrivateKey(privateKeyPem) : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  // GitHub's identifiers are 64 hex characters: the SHA-256 of the key.
  const identifier = createHash('sha256').update(publicPem).digest('hex');
  const signBody = (body: string | Uint8Array) => sign('sha256', typeof body === 'string' ? Buffer.from(body) : body, { key: privateKey, dsaEncoding: 'der' }).toString('base64');
  return {
    identifier,
    publicKey: publicPem,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    sign: signBody,
    headers: (body) => ({ 'content-type': 'application/json', 'github-public-key-identifier': identifier, 'github-public-key-signature': signBody(body) }),
  };
}

export async function startFakeGithubKeys({ port = 0 }: { port?: number } = {}): Promise<FakeGithubKeys> {
  const published = new Map<string, string>();
  let failing = false;
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches++;
    if (failing) return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"unavailable"}');
    const publicKeys = [...published].map(([identifier, key], i, all) => ({ key_identifier: identifier, key, is_current: i === all.length - 1 }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ public_keys: publicKeys }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/meta/public_keys/secret_scanning`,
    get fetches() {
      return fetches;
    },
    addSigner({ publish = true } = {}) {
      const signer = createSigner();
      if (publish) published.set(signer.identifier, signer.publicKey);
      return signer;
    },
    unpublish(signer) {
      published.delete(signer.identifier);
    },
    setFailing(next) {
      failing = next;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
