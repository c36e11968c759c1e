// POST /webhook/telegram, as the contract says: 401 wrong secret (checked before the body is read), 413 over 1 MiB,
// 400 for anything that is not a JSON object with an integer update_id, 200 only after the mailbox acknowledged,
// 503 when it cannot (so Telegram retries). Encapsulated: its strict validator and error mapping stay here.
import { Ajv } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { MailboxError } from '../../actors/mailbox/index.js';
import type { IngestMetrics, WebhookOutcome, WebhookRejectReason } from '../ingest/ingestMetrics.js';
import type { IncomingUpdate, Ingest } from '../ingest/ingestUpdate.js';
import { secretMatcher } from './secretToken.js';

export const WEBHOOK_PATH = '/webhook/telegram';
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Who may post updates: `secret` — only requests carrying TELEGRAM_WEBHOOK_SECRET (production); `open` — anyone
 * (the local sandbox, which has no Telegram and no secret); `closed` — nobody (a real bot without a secret, e.g. in
 * polling mode: unauthenticated posts could not be told from Telegram's, so every one gets 401).
 */
export type WebhookAuth = { readonly kind: 'secret'; readonly secret: string } | { readonly kind: 'open' } | { readonly kind: 'closed' };

export interface WebhookRouteOptions {
  readonly auth: WebhookAuth;
  readonly ingest: Ingest;
  readonly metrics: IngestMetrics;
}

const bodySchema = {
  type: 'object',
  required: ['update_id'],
  properties: { update_id: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

// Fastify's default validator coerces "5" into 5; an update id sent as a string is malformed, so no coercion here.
const strictAjv = new Ajv({ coerceTypes: false, allErrors: false });

const rejectionOf = (error: FastifyError | MailboxError): { status: number; reason: WebhookRejectReason; outcome: WebhookOutcome } => {
  if (error instanceof MailboxError) {
    return error.code === 'message_too_large'
      ? { status: 413, reason: 'too_large', outcome: 'rejected' }
      : { status: 503, reason: 'unavailable', outcome: 'unavailable' };
  }
  if (error.statusCode === 413) return { status: 413, reason: 'too_large', outcome: 'rejected' };
  // Validation failures, unparseable JSON, an empty body and a non-JSON content type are all "malformed".
  if (error.validation !== undefined || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
    return { status: 400, reason: 'malformed', outcome: 'rejected' };
  }
  return { status: 500, reason: 'internal', outcome: 'rejected' };
};

export const webhookRoute = async (app: FastifyInstance, options: WebhookRouteOptions): Promise<void> => {
  const { ingest, metrics } = options;
  const { auth } = options;
  const matches = auth.kind === 'secret' ? secretMatcher(auth.secret) : () => auth.kind === 'open';
  const started = new WeakMap<object, number>();
  const answer = (reply: FastifyReply, outcome: WebhookOutcome): void => {
    const start = started.get(reply.request) ?? performance.now();
    metrics.webhookAckSeconds.observe({ outcome }, (performance.now() - start) / 1000);
  };

  app.setValidatorCompiler(({ schema }) => strictAjv.compile(schema));

  app.setErrorHandler<FastifyError | MailboxError>(async (error, request, reply) => {
    const { status, reason, outcome } = rejectionOf(error);
    metrics.webhookRejects.inc({ reason });
    answer(reply, outcome);
    const log = status >= 500 ? request.log.warn.bind(request.log) : request.log.info.bind(request.log);
    log({ err: error, status, reason }, 'webhook rejected');
    return reply.code(status).send({ ok: false, error: reason });
  });

  app.post<{ Body: IncomingUpdate }>(
    WEBHOOK_PATH,
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: { body: bodySchema },
      onRequest: async (request, reply) => {
        started.set(request, performance.now());
        if (!matches(request.headers[SECRET_HEADER])) {
          metrics.webhookRejects.inc({ reason: 'secret' });
          answer(reply, 'rejected');
          return reply.code(401).send({ ok: false, error: 'secret' });
        }
        return undefined;
      },
    },
    async (request, reply) => {
      const header = (name: string): string | undefined => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const result = await ingest(request.body, { source: 'webhook', traceparent: header('traceparent'), tracestate: header('tracestate') });
      answer(reply, result.outcome);
      // No `method` field: Telegram ignores the body, tests and operators read the outcome.
      return reply.code(200).send({ ok: true, outcome: result.outcome });
    },
  );
};
