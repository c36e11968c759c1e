// The cache's Prometheus metrics. The hit ratio is computable in Prometheus,
//   sum(rate(lexbot_cache_hits_total[5m])) / (sum(rate(lexbot_cache_hits_total[5m])) + sum(rate(lexbot_cache_misses_total[5m])))
// and also exposed as a gauge over the process's lifetime for dashboards without recording rules.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheHitMetrics, CacheMissReason } from '../analytics/candidates/withFallback.js';

export interface CacheMetrics extends CacheHitMetrics {
  readonly cacheHitRatio: Gauge<'cache'>;
}

const total = async (counter: Counter<string>, cache: string): Promise<number> =>
  (await counter.get()).values.filter((v) => v.labels['cache'] === cache).reduce((sum, v) => sum + v.value, 0);

export const createCacheMetrics = (registry: Registry): CacheMetrics => {
  const registers = [registry];
  const cacheHits = new Counter<'cache'>({ name: 'lexbot_cache_hits_total', help: 'Reads answered by the Redis cache', labelNames: ['cache'], registers });
  const cacheMisses = new Counter<'cache' | 'reason'>({
    name: 'lexbot_cache_misses_total',
    help: 'Reads the Redis cache could not answer (fell back to Postgres), by reason',
    labelNames: ['cache', 'reason'],
    registers,
  });
  const cacheHitRatio = new Gauge<'cache'>({
    name: 'lexbot_cache_hit_ratio',
    help: 'Hits / (hits + misses) since the process started',
    labelNames: ['cache'],
    registers,
    async collect() {
      const caches = new Set([...(await cacheHits.get()).values, ...(await cacheMisses.get()).values].map((v) => String(v.labels['cache'])));
      for (const cache of caches) {
        const hits = await total(cacheHits, cache);
        const misses = await total(cacheMisses, cache);
        if (hits + misses > 0) this.set({ cache }, hits / (hits + misses));
      }
    },
  });
  return {
    cacheHits,
    cacheMisses: cacheMisses as unknown as { inc(labels: { cache: string; reason: CacheMissReason }): void },
    cacheHitRatio,
  };
};
