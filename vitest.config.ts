import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,analytics,db,bench,bin}/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits only as long as it must; its 1 s default is short for a browser on a busy
    // two-core machine, where one slow round trip should not fail a test.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: run files in parallel but not more than the machine has.
    maxWorkers: 2,
    reporters: ['default', './vitest.summary.ts'],
  },
});
