// POST /webhook/telegram, as the contract says: 401 wrong secret (checked before the body is read), 413 over 1 MiB,
// 400 for anything that is not a JSON object with an integer update_id, 200 only after the mailbox acknowledged,
// 503 when it cannot (so Telegram retries). Encapsulated: its strict validator and error mapping stay here.
import { Ajv } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  // Fastify times every request from its arrival (reply.elapsedTime, ms) whenever the app has a logger, and
  // buildGatewayApp always gives it one; a WeakMap of start times per request did the same at ~1 µs a request.
  const answer = (reply: FastifyReply, outcome: WebhookOutcome): void => {
    metrics.webhookAckSeconds.observe({ outcome }, reply.elapsedTime / 1000);
  };
  // The JSON text of each parsed body, so the ingest can publish it as it came (IngestContext.rawJson).
  const rawJsonOf = new WeakMap<FastifyRequest, string>();
  const parseJson = app.getDefaultJsonParser('error', 'error');

  app.setValidatorCompiler(({ schema }) => strictAjv.compile(schema));

  // Fastify's own JSON parser (empty body, invalid JSON and prototype poisoning answer 400 as before), given the text.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    parseJson(request, text, (error, value) => {
      if (error === null) rawJsonOf.set(request, text);
      done(error, value);
    });
  });

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
      // A callback hook, not an async one: no promise and no extra turn per request.
      onRequest: (request, reply, done) => {
        if (matches(request.headers[SECRET_HEADER])) {
          done();
          return;
        }
        metrics.webhookRejects.inc({ reason: 'secret' });
        answer(reply, 'rejected');
        void reply.code(401).send({ ok: false, error: 'secret' });
      },
    },
    async (request, reply) => {
      const { traceparent, tracestate } = request.headers;
      const result = await ingest(request.body, {
        source: 'webhook',
        traceparent: typeof traceparent === 'string' ? traceparent : undefined,
        tracestate: typeof tracestate === 'string' ? tracestate : undefined,
        rawJson: rawJsonOf.get(request),
      });
      answer(reply, result.outcome);
      // No `method` field: Telegram ignores the body, tests and operators read the outcome.
      return reply.code(200).send({ ok: true, outcome: result.outcome });
    },
  );
};
