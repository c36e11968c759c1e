// The active-users gauge, read from the analytics queries when Prometheus scrapes (one indexed count on the
// replica), so it is as fresh as the read models and costs nothing between scrapes.
import { Gauge, type Registry } from 'prom-client';
import type { AnalyticsQueries } from './analyticsQueries.js';

export const createAnalyticsMetrics = (registry: Registry, queries: Pick<AnalyticsQueries, 'activeUsers'>, now: () => Date = () => new Date()) => {
  const activeUsers = new Gauge({
    name: 'lexbot_active_users_total',
    help: 'Users active within the last 24 hours (read models)',
    registers: [registry],
    async collect() {
      this.set(await queries.activeUsers(now()));
    },
  });
  return { activeUsers };
};
