import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // server.ts owns the process; Next only renders and routes.
  poweredByHeader: false,
  experimental: {
    // forbidden() → app/forbidden.tsx with HTTP 403 for members on admin pages.
    authInterrupts: true,
  },
};

export default nextConfig;
