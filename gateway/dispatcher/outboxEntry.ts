// Parses an event from the global log into the outbox entry it asks for (parse at the edge, trust inside). Events
// that are not outbox events are not entries; an outbox event whose data is malformed is an `invalid` entry, which
// the dispatcher logs and counts instead of retrying forever.
import { z } from 'zod';
import type { RecordedEvent } from '../../actors/eventStore/types.js';
import { OUTBOX_EVENT_TYPES, isOutboxEventType, userMailboxKey } from '../../actors/outbox/outboxEvents.js';
import type { DispatchKind } from './types.js';

const telegramCall = z.object({
  method: z.string().regex(/^[A-Za-z]{1,64}$/),
  payload: z.record(z.string(), z.unknown()),
  chatId: z.number().int().optional(),
});
const target = z.string().regex(/^[a-z]+:-?\d{1,20}$/, 'target must look like user:<id>');
// The domain's CrossActorCommandQueued: `target` is the other user's id, `commandId` the id the domain derived.
const actorCommand = z.object({ commandId: z.string().min(1).max(300), target: z.string().regex(/^\d{1,20}$/, 'target must be a user id'), command: z.unknown() });
const timerScheduled = z.object({
  timerId: z.string().min(1).max(200),
  fireAt: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'fireAt must be an ISO time'),
  target,
  message: z.unknown(),
});
const timerCancelled = z.object({ timerId: z.string().min(1).max(200) });

export type OutboxEntry =
  | { readonly kind: 'telegram'; readonly event: RecordedEvent; readonly lane: string; readonly method: string; readonly payload: Record<string, unknown> }
  | {
      readonly kind: 'command';
      readonly event: RecordedEvent;
      readonly lane: string;
      /** The target's mailbox key, `user:<id>`. */
      readonly target: string;
      readonly commandId: string;
      readonly command: unknown;
    }
  | {
      readonly kind: 'timer_scheduled';
      readonly event: RecordedEvent;
      readonly lane: string;
      readonly timerId: string;
      readonly fireAt: Date;
      readonly target: string;
      readonly message: unknown;
    }
  | { readonly kind: 'timer_cancelled'; readonly event: RecordedEvent; readonly lane: string; readonly timerId: string }
  | { readonly kind: 'invalid'; readonly event: RecordedEvent; readonly lane: string; readonly as: DispatchKind; readonly problem: string };

const KINDS: Record<string, DispatchKind> = {
  [OUTBOX_EVENT_TYPES.telegramCall]: 'telegram',
  [OUTBOX_EVENT_TYPES.actorCommand]: 'command',
  [OUTBOX_EVENT_TYPES.timerScheduled]: 'timer_scheduled',
  [OUTBOX_EVENT_TYPES.timerCancelled]: 'timer_cancelled',
};

/** The chat a call is rate-limited on: the captured chatId, else the payload's chat_id (a number or @channel). */
const chatLane = (event: RecordedEvent, chatId: number | undefined, payload: Record<string, unknown>): string => {
  const chat = chatId ?? payload.chat_id;
  return typeof chat === 'number' || typeof chat === 'string' ? `chat:${chat}` : `stream:${event.streamName}`;
};

const problemOf = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`).join('; ');

export const toOutboxEntry = (event: RecordedEvent): OutboxEntry | undefined => {
  if (!isOutboxEventType(event.type)) return undefined;
  const as = KINDS[event.type]!;
  const invalid = (problem: string): OutboxEntry => ({ kind: 'invalid', event, lane: `stream:${event.streamName}`, as, problem });
  switch (event.type) {
    case OUTBOX_EVENT_TYPES.telegramCall: {
      const parsed = telegramCall.safeParse(event.data);
      if (!parsed.success) return invalid(problemOf(parsed.error));
      const { method, payload, chatId } = parsed.data;
      return { kind: 'telegram', event, lane: chatLane(event, chatId, payload), method, payload };
    }
    case OUTBOX_EVENT_TYPES.actorCommand: {
      const parsed = actorCommand.safeParse(event.data);
      if (!parsed.success) return invalid(problemOf(parsed.error));
      const to = userMailboxKey(parsed.data.target);
      return { kind: 'command', event, lane: `mailbox:${to}`, target: to, commandId: parsed.data.commandId, command: parsed.data.command };
    }
    case OUTBOX_EVENT_TYPES.timerScheduled: {
      const parsed = timerScheduled.safeParse(event.data);
      if (!parsed.success) return invalid(problemOf(parsed.error));
      const { timerId, fireAt, target: to, message } = parsed.data;
      return { kind: 'timer_scheduled', event, lane: `timer:${timerId}`, timerId, fireAt: new Date(fireAt), target: to, message };
    }
    case OUTBOX_EVENT_TYPES.timerCancelled: {
      const parsed = timerCancelled.safeParse(event.data);
      if (!parsed.success) return invalid(problemOf(parsed.error));
      return { kind: 'timer_cancelled', event, lane: `timer:${parsed.data.timerId}`, timerId: parsed.data.timerId };
    }
  }
};
