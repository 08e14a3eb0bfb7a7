import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // the browser tests drive the portal as built, so it is built once before any test runs
    globalSetup: ['test/e2e/support/build-portal.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
