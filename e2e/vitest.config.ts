import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser (end-to-end) tests: one Kefu server + headless Chromium per file, files one at a time.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
