// Side effects travel as events in the causing actor's own append (an outbox, DESIGN.md guarantee 6): the dispatcher
// follows the global log and performs them after the commit — Telegram calls at the rate Telegram allows, commands
// to other actors through their mailboxes, timers when they fall due. Domain state ignores these event types.

export const OUTBOX_EVENT_TYPES = {
  telegramCall: 'OutboxTelegramCallQueued',
  /** The domain's own event (domain/tandem/events.ts): tandem handshakes between two users' actors. */
  actorCommand: 'CrossActorCommandQueued',
  timerScheduled: 'OutboxTimerScheduled',
  timerCancelled: 'OutboxTimerCancelled',
} as const;

export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[keyof typeof OUTBOX_EVENT_TYPES];

export const OUTBOX_SCHEMA_VERSION = 1;

/** One Bot API call captured from a handler (grammY transformer), sent later by the dispatcher. */
export interface TelegramCallQueued {
  readonly method: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The chat the call is rate-limited on (1 message/s per private chat), when the payload names one. */
  readonly chatId?: number;
}

/**
 * A command for another user's actor, delivered to its mailbox (userKey `user:<target>`) with
 * Nats-Msg-Id = commandMessageId(commandId). The domain derives `commandId` from the tandem and the transition, so
 * a redelivered decision queues the same id and the receiver's remembered command ids drop a late duplicate.
 */
export interface ActorCommandQueued {
  readonly commandId: string;
  /** The target's Telegram user id (decimal string). */
  readonly target: string;
  readonly command: unknown;
}

/** A durable timer: at `fireAt` the dispatcher delivers `message` to `target`'s mailbox with id `timer:<timerId>`. */
export interface TimerScheduled {
  readonly timerId: string;
  readonly fireAt: string;
  readonly target: string;
  readonly message: unknown;
}

export interface TimerCancelled {
  readonly timerId: string;
}

export type OutboxEvent =
  | { readonly type: typeof OUTBOX_EVENT_TYPES.telegramCall; readonly data: TelegramCallQueued }
  | { readonly type: typeof OUTBOX_EVENT_TYPES.actorCommand; readonly data: ActorCommandQueued }
  | { readonly type: typeof OUTBOX_EVENT_TYPES.timerScheduled; readonly data: TimerScheduled }
  | { readonly type: typeof OUTBOX_EVENT_TYPES.timerCancelled; readonly data: TimerCancelled };

const OUTBOX_TYPES: ReadonlySet<string> = new Set(Object.values(OUTBOX_EVENT_TYPES));
export const isOutboxEventType = (type: string): type is OutboxEventType => OUTBOX_TYPES.has(type);

/** How the dispatcher marks mailbox messages that are not Telegram updates (absent: a Telegram update). */
export const MESSAGE_KIND_HEADER = 'Lexbot-Message-Kind';
/** `alert`: the partner-alert follower's offer (projections/directory/alerts). */
export type MessageKind = 'update' | 'command' | 'timer' | 'alert';

/** The dedup ids and keys of mailbox messages the dispatcher publishes. */
export const commandMessageId = (commandId: string): string => `cmd:${commandId}`;
export const userMailboxKey = (userId: string): string => `user:${userId}`;
export const timerMessageId = (timerId: string): string => `timer:${timerId}`;
