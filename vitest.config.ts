import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Root test config: unit tests (*.test.ts) and integration tests (*.int.test.ts) of every
// workspace. `npm test` (scripts/test.mjs) runs it twice: all tests with KEFU_TEST_DB=pglite,
// then only the *.int.test.ts files (KEFU_TEST_INT_ONLY=1) with KEFU_TEST_DB=postgres.
const intOnly = process.env.KEFU_TEST_INT_ONLY === '1';
const suffix = intOnly ? '*.int.test.ts' : '*.test.ts';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    include: [`apps/**/src/**/${suffix}`, `packages/**/src/**/${suffix}`],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
