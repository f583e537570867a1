import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser suites each start a Chromium; on two cores, run files two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});
