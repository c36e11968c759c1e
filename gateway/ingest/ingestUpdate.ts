// The one path every Telegram update takes into the system, whether it came by webhook or long polling: sanitise,
// find whose mailbox it belongs to, publish with the dedup id `tg:<update_id>`, and resolve only after the mailbox
// acknowledged. Mailbox errors propagate: the webhook answers 503, the poller keeps its offset.
import type { Logger } from 'pino';
import { encodeJson, MAILBOX_HEADERS, partitionOf, type Mailbox } from '../../actors/mailbox/index.js';
import { routeUpdate } from '../telegram/routeUpdate.js';
import { mayNeedSanitizing, sanitizeJson } from '../telegram/sanitize.js';
import type { IngestMetrics, IngestOutcome, IngestSource } from './ingestMetrics.js';
import { traceHeadersFor } from './traceContext.js';

/** An update that passed the edge check: a JSON object with an integer update_id. */
export type IncomingUpdate = Readonly<Record<string, unknown>> & { readonly update_id: number };

export interface IngestContext {
  readonly source: IngestSource;
  readonly traceparent?: string | undefined;
  readonly tracestate?: string | undefined;
  /**
   * The JSON text `update` was parsed from, when the caller has it (the webhook). If it holds nothing sanitizeJson
   * would change it is published as it came, instead of copying, sanitising and re-encoding the parsed update: the
   * same JSON value, so the consumer decodes the same update.
   */
  readonly rawJson?: string | undefined;
}

export interface IngestResult {
  readonly outcome: IngestOutcome;
  readonly partition?: number;
  readonly seq?: number;
}

export interface IngestDeps {
  readonly mailbox: Mailbox;
  readonly metrics: IngestMetrics;
  readonly logger: Logger;
}

export type Ingest = (update: IncomingUpdate, context: IngestContext) => Promise<IngestResult>;

export const UPDATE_TYPE_HEADER = 'Lexbot-Update-Type';

export const createIngest = ({ mailbox, metrics, logger }: IngestDeps): Ingest =>
  async (update, context) => {
    const id = `tg:${update.update_id}`;
    const asSent = context.rawJson !== undefined && !mayNeedSanitizing(context.rawJson) ? context.rawJson : undefined;
    const clean = asSent === undefined ? (sanitizeJson(update) as IncomingUpdate) : update;
    const route = routeUpdate(clean);
    if (route.kind === 'none') {
      metrics.updatesDroppedWithoutUser.inc({ update_type: route.type });
      logger.info({ update_id: update.update_id, update_type: route.type, source: context.source }, 'update without user or chat dropped');
      return { outcome: 'dropped' };
    }
    const userKey = `${route.kind}:${route.id}`;
    const partition = partitionOf(route.id, mailbox.partitions);
    const trace = traceHeadersFor(context);
    const result = await mailbox.publish(partition, {
      id,
      userKey,
      payload: asSent === undefined ? encodeJson(clean) : Buffer.from(asSent, 'utf8'),
      headers: { ...trace, [MAILBOX_HEADERS.correlationId]: id, [UPDATE_TYPE_HEADER]: route.type },
    });
    const outcome: IngestOutcome = result.duplicate ? 'duplicate' : 'accepted';
    if (result.duplicate) metrics.updatesDuplicate.inc({ source: context.source });
    else metrics.updatesAccepted.inc({ source: context.source });
    logger.debug(
      { update_id: update.update_id, user: userKey, partition, correlation_id: id, seq: result.seq, traceparent: trace.traceparent, outcome },
      'update enqueued',
    );
    return { outcome, partition, seq: result.seq };
  };
