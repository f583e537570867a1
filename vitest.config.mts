import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // The AWS SDK's notice that later versions will need Node 22 is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser suites each start a Chromium; on two cores, run files two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});
