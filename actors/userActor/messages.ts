// What reaches a user actor through its mailbox, parsed at the edge: a Telegram update (from the gateway), a
// command from another user's actor (from the dispatcher's outbox delivery), or a durable timer falling due.
import type { Update } from 'grammy/types';
import { PEER_COMMAND_TYPES, type QueuedPeerCommand } from '../../domain/tandem/index.js';
import { QUEUED_ADMIN_COMMAND_TYPES, type QueuedAdminCommand } from '../../domain/user/index.js';
import { MAILBOX_HEADERS, decodeJson } from '../mailbox/types.js';
import type { MailboxDelivery } from '../mailbox/types.js';
import { MESSAGE_KIND_HEADER } from '../outbox/outboxEvents.js';
import { PoisonMessageError } from '../worker/actorWorker.js';
import { decodeAlert, type QueuedAlertCommand } from './alertMessage.js';

/** A command a timer carries for its own actor, e.g. `{ type: 'ExpireRequest', data: { requestId } }`. */
export interface TimerCommand {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** W3C trace context and correlation id carried from the mailbox headers into the events' metadata. */
export interface MessageTrace {
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly correlationId?: string;
}

export type UserActorMessage = (
  | { readonly kind: 'update'; readonly id: string; readonly update: Update }
  | { readonly kind: 'command'; readonly id: string; readonly commandId: string; readonly command: QueuedPeerCommand | QueuedAdminCommand }
  | { readonly kind: 'timer'; readonly id: string; readonly timerId: string; readonly fireAt: string; readonly command: TimerCommand }
  | { readonly kind: 'alert'; readonly id: string; readonly commandId: string; readonly command: QueuedAlertCommand }
) & {
  readonly trace?: MessageTrace;
  /** The mailbox's last delivery of it: a failure now would dead-letter it (see handlerFailure.ts). */
  readonly lastDelivery?: boolean;
};

const traceOf = (delivery: MailboxDelivery): MessageTrace => {
  const pick = (name: string) => delivery.headers[name];
  const traceparent = pick(MAILBOX_HEADERS.traceparent);
  const tracestate = pick(MAILBOX_HEADERS.tracestate);
  const correlationId = pick(MAILBOX_HEADERS.correlationId);
  return {
    ...(traceparent === undefined ? {} : { traceparent }),
    ...(tracestate === undefined ? {} : { tracestate }),
    ...(correlationId === undefined ? {} : { correlationId }),
  };
};

// Admin commands (ban, unban) come only from an admin's actor: the edge checks ADMIN_TELEGRAM_IDS before it queues
// one, and nothing outside the dispatcher publishes command messages (the gateway publishes updates only).
const PEER_TYPES: ReadonlySet<string> = new Set([...PEER_COMMAND_TYPES, ...QUEUED_ADMIN_COMMAND_TYPES]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const payloadOf = (delivery: MailboxDelivery): Record<string, unknown> => {
  let body: unknown;
  try {
    body = decodeJson(delivery.payload);
  } catch {
    throw new PoisonMessageError('payload is not JSON');
  }
  if (!isObject(body)) throw new PoisonMessageError('payload is not a JSON object');
  return body;
};

export const decodeUserMessage = (delivery: MailboxDelivery): UserActorMessage => ({
  ...decodeBody(delivery),
  trace: traceOf(delivery),
  ...(delivery.lastDelivery ? { lastDelivery: true } : {}),
});

const decodeBody = (delivery: MailboxDelivery): UserActorMessage => {
  const body = payloadOf(delivery);
  const kind = delivery.headers[MESSAGE_KIND_HEADER] ?? 'update';
  switch (kind) {
    case 'update': {
      if (!Number.isSafeInteger(body.update_id)) throw new PoisonMessageError('update without an integer update_id');
      return { kind, id: `tg:${String(body.update_id)}`, update: body as unknown as Update };
    }
    case 'command': {
      const command = body.command;
      const commandId = typeof body.commandId === 'string' ? body.commandId : delivery.id.replace(/^cmd:/, '');
      if (!isObject(command) || typeof command.type !== 'string' || !PEER_TYPES.has(command.type) || !isObject(command.data)) {
        throw new PoisonMessageError('not a peer command');
      }
      return { kind, id: delivery.id, commandId, command: command as unknown as QueuedPeerCommand | QueuedAdminCommand };
    }
    case 'timer': {
      const { timerId, fireAt, message } = body;
      if (typeof timerId !== 'string' || !isObject(message) || typeof message.type !== 'string' || !isObject(message.data)) {
        throw new PoisonMessageError('not a timer message');
      }
      const due = typeof fireAt === 'string' && !Number.isNaN(Date.parse(fireAt)) ? fireAt : new Date(delivery.publishedAt).toISOString();
      return { kind, id: delivery.id, timerId, fireAt: due, command: message as unknown as TimerCommand };
    }
    case 'alert':
      return { kind, id: delivery.id, ...decodeAlert(delivery.id, body) };
    default:
      throw new PoisonMessageError(`unknown message kind ${JSON.stringify(kind)}`);
  }
};
