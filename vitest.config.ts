import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run plain Node.
      'server-only': path.resolve(import.meta.dirname, 'test/empty-module.ts'),
    },
  },
  test: {
    include: ['{lib,db,app,components,test,scripts}/**/*.test.ts'],
    environment: 'node',
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ['next-auth'] } },
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests share one database when DATABASE_URL is set; files isolate by community.
    fileParallelism: true,
  },
});
