import { defineConfig } from 'vitest/config';

/** The web app in a real browser: Debian's Chromium driven by playwright-core (`npm run test:e2e`). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // A page waits on a server that shares two cores with the browser: a second is too short a wait.
    expect: { poll: { timeout: 15_000 } },
  },
});
