import { defineConfig } from 'vitest/config';

// Tiers live in the file name: *.unit.test.ts, *.int.test.ts (real Postgres/NATS/Redis), *.e2e.test.ts.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'int', include: ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
    pool: 'forks',
  },
});
