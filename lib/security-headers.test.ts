import { describe, expect, it } from 'vitest';
import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import { cameOverHttps, contentSecurityPolicy, createNonce, PERMISSIONS_POLICY } from './security-headers';

/** The policy as directive → sources, as a browser reads it. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('lets scripts run only with the nonce, never inline or evaluated, in production', () => {
    const scripts = directives(contentSecurityPolicy({ nonce: 'abc123==', dev: false })).get('script-src');
    expect(scripts).toContain("'nonce-abc123=='");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it("allows 'unsafe-eval' for React's development build only", () => {
    expect(directives(contentSecurityPolicy({ nonce: 'abc', dev: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('is one Next reads the nonce from, so Next puts it on its scripts', () => {
    const nonce = createNonce();
    expect(getScriptNonceFromHeader(contentSecurityPolicy({ nonce, dev: false }))).toBe(nonce);
  });

  it('keeps the page out of frames, plugins and foreign form targets', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc', dev: false }));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('carries no nonce in style-src, which would switch off its inline styles', () => {
    expect(directives(contentSecurityPolicy({ nonce: 'abc', dev: false })).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, new every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('PERMISSIONS_POLICY', () => {
  it.each(['camera', 'microphone', 'geolocation', 'payment', 'usb'])('denies %s to every origin', (feature) => {
    expect(PERMISSIONS_POLICY.split(', ')).toContain(`${feature}=()`);
  });
});

describe('cameOverHttps (when Strict-Transport-Security is sent)', () => {
  it.each([
    { encrypted: true, forwardedProto: undefined, expected: true },
    { encrypted: false, forwardedProto: 'https', expected: true },
    { encrypted: false, forwardedProto: 'HTTPS', expected: true },
    { encrypted: false, forwardedProto: ['https'], expected: true },
    { encrypted: false, forwardedProto: 'http, https', expected: true },
    { encrypted: false, forwardedProto: undefined, expected: false },
    { encrypted: false, forwardedProto: 'http', expected: false },
    { encrypted: false, forwardedProto: '', expected: false },
    // The client wrote the first entry; the trusted proxy appended what it really saw.
    { encrypted: false, forwardedProto: 'https, http', expected: false },
    { encrypted: false, forwardedProto: 'wss', expected: false },
  ])('TLS $encrypted, X-Forwarded-Proto $forwardedProto → $expected', ({ expected, ...request }) => {
    expect(cameOverHttps(request)).toBe(expected);
  });
});
