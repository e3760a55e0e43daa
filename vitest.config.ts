import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native addons (onnxruntime, hnswlib, better-sqlite3) are safest in forked workers.
    pool: 'forks',
    fileParallelism: true,
  },
});
