import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCacheMetrics } from '../../../projections/redis/index.js';

describe('cache metrics', () => {
  it('counts hits and misses and exposes their ratio', async () => {
    const registry = new Registry();
    const metrics = createCacheMetrics(registry);
    for (let i = 0; i < 3; i += 1) metrics.cacheHits.inc({ cache: 'candidates' });
    metrics.cacheMisses.inc({ cache: 'candidates', reason: 'cold' });
    const text = await registry.metrics();
    expect(text).toContain('lexbot_cache_hits_total{cache="candidates"} 3');
    expect(text).toContain('lexbot_cache_misses_total{cache="candidates",reason="cold"} 1');
    expect(text).toContain('lexbot_cache_hit_ratio{cache="candidates"} 0.75');
  });
});
