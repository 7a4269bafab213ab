import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,analytics,db,bench,bin}/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in parallel but not more than the machine has.
    maxWorkers: 2,
    reporters: ['default', './vitest.summary.ts'],
  },
});
