import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Every answer is checked against its operation's contract: one that drifted fails its test.
    env: { REACH_CHECK_ANSWERS: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time: much of a file's time is spent waiting on PostgreSQL or on a
    // reach process it started. Vitest's default here would be one (CPUs - 1 on two cores).
    poolOptions: { forks: { maxForks: 2 } },
  },
});
