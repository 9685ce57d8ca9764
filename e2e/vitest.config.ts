import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser (end-to-end) tests: one Kefu server + headless Chromium per file, files one at a time; the servers start
// from a copy of a demo data folder seeded once (global-setup.ts).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
