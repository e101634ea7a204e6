import type { NextConfig } from 'next';
import { API_KEY_SOURCE } from './lib/api-keys/key-pattern';

const nextConfig: NextConfig = {
  // server.ts owns the process; Next only renders and routes.
  poweredByHeader: false,
  // `next dev` logs incoming URLs whole; a key someone put in one (an API call, or any URL holding
  // something key-shaped) must not reach the console.
  logging: { incomingRequests: { ignore: [/^\/api\/v1\//, new RegExp(API_KEY_SOURCE)] } },
  async headers() {
    // Admin actions are a click away: no page may be framed by another site (clickjacking).
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
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
