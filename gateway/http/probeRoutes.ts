// GET /health (the process serves), GET /ready (every registered dependency is reachable), GET /metrics.
import type { FastifyInstance } from 'fastify';
import type { MetricsExposition } from '../ingest/ingestMetrics.js';
import type { Readiness } from './readiness.js';

export interface ProbeRoutesOptions {
  readonly readiness: Readiness;
  readonly exposition: MetricsExposition;
}

export const probeRoutes = async (app: FastifyInstance, { readiness, exposition }: ProbeRoutesOptions): Promise<void> => {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const report = await readiness.run();
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  app.get('/metrics', async (_request, reply) => reply.type(exposition.contentType).send(await exposition.metrics()));
};
