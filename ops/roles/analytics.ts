// The analytics API the gateway serves under /api/v1: read-model queries through a read-only pool on
// DATABASE_READ_URL (else DATABASE_URL), bearer tokens from API_TOKENS, and the active-users gauge.
import type { ApiRoutesOptions } from '../../gateway/http/api/index.js';
import { createAnalyticsMetrics, createAnalyticsPool, createPostgresAnalytics } from '../../projections/analytics/index.js';
import type { Infrastructure } from './infrastructure.js';

export const openAnalytics = async (infra: Infrastructure): Promise<ApiRoutesOptions | undefined> => {
  const { config, metrics } = infra;
  if (config.databaseUrl === undefined && config.databaseReadUrl === undefined) return undefined;
  const pool = createAnalyticsPool(config);
  pool.on('error', (error) => infra.logger.warn({ err: error }, 'idle analytics connection failed'));
  infra.onClose(() => pool.end());
  const analytics = createPostgresAnalytics({ pool });
  createAnalyticsMetrics(metrics.registry, analytics);
  return { tokens: config.apiTokens, analytics };
};
