import type { NextConfig } from 'next';
import { API_KEY_SOURCE } from './lib/api-keys/key-pattern';
import { NON_PAGE_CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from './lib/security-headers';

const nextConfig: NextConfig = {
  // server.ts owns the process; Next only renders and routes.
  poweredByHeader: false,
  // `npm run dev` serves its scripts to localhost only: opened at 127.0.0.1 the page never became
  // interactive. (Forms post to their actions either way, so nothing typed reaches a URL.)
  allowedDevOrigins: ['127.0.0.1'],
  // `next dev` logs incoming URLs whole; a key someone put in one (an API call, or any URL holding
  // something key-shaped) must not reach the console.
  logging: { incomingRequests: { ignore: [/^\/api\/v1\//, new RegExp(API_KEY_SOURCE)] } },
  async headers() {
    // Admin actions are a click away: no page may be framed by another site (clickjacking).
    // Pages get their own Content-Security-Policy, with a nonce, from proxy.ts (it replaces this one).
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: NON_PAGE_CONTENT_SECURITY_POLICY },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
  experimental: {
    // forbidden() → app/forbidden.tsx with HTTP 403 for members on admin pages.
    authInterrupts: true,
  },
};

export default nextConfig;
