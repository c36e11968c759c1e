// Prometheus gauges of the runners' status, read at scrape time. The composition root passes its registry (one per
// process, ops/telemetry); nothing here registers on its own.
import { Gauge, type Registry } from 'prom-client';
import type { ProjectionRunner } from './runner.js';

export const registerProjectionMetrics = (registry: Registry, runners: readonly ProjectionRunner[]): void => {
  const gauge = (name: string, help: string, read: (runner: ProjectionRunner) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers: [registry],
      collect() {
        for (const runner of runners) this.set({ projection: runner.status().projection }, read(runner));
      },
    });
  };
  gauge('lexbot_projection_lag_events', 'Events between the projection checkpoint and the head of the log', (r) => r.status().lagEvents);
  gauge('lexbot_projection_lag_seconds', 'Age of the oldest event the projection has not applied (0 when caught up)', (r) => r.status().lagSeconds);
  gauge('lexbot_projection_active', '1 when this process holds the projection lease and applies events', (r) => (r.status().role === 'active' ? 1 : 0));
  gauge('lexbot_projection_halted', '1 when the projection stopped on a dead-lettered event (failure mode halt)', (r) => (r.status().role === 'halted' ? 1 : 0));
  gauge('lexbot_projection_events_applied', 'Events this process applied since start', (r) => r.status().applied);
  gauge('lexbot_projection_events_skipped', 'Events this process dead-lettered and skipped since start', (r) => r.status().skipped);
};
