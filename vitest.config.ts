import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native addons (onnxruntime, hnswlib, better-sqlite3) are safest in forked workers.
    pool: 'forks',
    fileParallelism: true,
    // Cheap password hashes for the hundreds of test logins (and the CLIs/servers the tests spawn); production
    // refuses a cost below 17 (src/config.ts).
    env: { PASSWORD_HASH_COST: '12' },
  },
});
