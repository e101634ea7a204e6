import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { config, proxy } from '../proxy';

/** proxy.ts: which paths it sees, and what it does to a page request. */
describe('proxy matcher', () => {
  it.each(['/api/v1/me', '/api/v1/projects/1', '/api/health', '/api/auth/session', '/api/secret-scanning/github', '/_next/static/chunks/app.js'])(
    '%s never passes through the proxy',
    (url) => {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
    },
  );

  it.each(['/', '/sign-in', '/admin/integration-center/api-keys', '/docs/api', '/docs/api/reference.js', '/api', '/apiary'])('%s passes through the proxy', (url) => {
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
  });

  it('cannot be skipped by a prefetch header a client adds', () => {
    expect(unstable_doesMiddlewareMatch({ config, url: '/sign-in', headers: { 'next-router-prefetch': '1', purpose: 'prefetch' } })).toBe(true);
  });
});

describe('proxy', () => {
  it('refuses a post without an Origin header', () => {
    const response = proxy(new NextRequest('http://localhost/sign-in', { method: 'POST', headers: { 'next-action': 'abc' } }));
    expect(response.status).toBe(403);
    expect(response.headers.get('x-middleware-next')).toBeNull();
  });

  it('passes a post with an Origin on to Next', () => {
    const response = proxy(new NextRequest('http://localhost/sign-in', { method: 'POST', headers: { origin: 'http://localhost' } }));
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });

  it('gives the page and Next the same policy, with a new nonce each time', () => {
    const policies = [1, 2].map(() => {
      const response = proxy(new NextRequest('http://localhost/sign-in'));
      const policy = response.headers.get('content-security-policy');
      // What Next renders with: the request headers proxy.ts overrides.
      expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
      return policy;
    });
    expect(policies[0]).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
    expect(policies[0]).not.toBe(policies[1]);
  });
});
