import { defineConfig } from 'vitest/config';

// Tiers live in the file name: *.unit.test.ts, *.int.test.ts (real Postgres/NATS/Redis), *.e2e.test.ts.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'int', include: ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
    pool: 'forks',
    // Test files share their worker's module graph instead of a fresh process each: importing the system (grammY,
    // fastify, pg, NATS, pino, OpenTelemetry) again for every file cost more CPU than most files' tests. Safe here
    // because isolation lives in the tests, not in the process: each has its own database or schema, NATS prefix,
    // Redis prefix and user ids, stops what it starts, and nothing mocks modules, fakes timers or edits process.env.
    isolate: false,
  },
});
