// One message's worth of work for a user actor: the state as it evolves, the domain events decided so far and the
// Bot API calls captured, in the order they happened. Handlers see it as `ctx.actor`.
import { decide, evolve, type UserCommand, type UserEvent, type UserState } from '../../domain/user/index.js';
import type { OutboxEvent, TelegramCallQueued } from '../outbox/outboxEvents.js';
import { OUTBOX_EVENT_TYPES } from '../outbox/outboxEvents.js';

/** A command as handlers write it: the session adds the decision time and a command id derived from the message. */
export type CommandInput = UserCommand extends infer C ? (C extends UserCommand ? Omit<C, 'meta'> : never) : never;

export type UserActorEvent = UserEvent | OutboxEvent;

export interface ActorSession {
  readonly userId: string;
  readonly now: Date;
  /** The message's id (`tg:<update_id>`, a peer command id, `timer:<id>`). */
  readonly messageId: string;
  /** The state after everything decided so far in this message. */
  readonly state: UserState;
  /** Decides, folds the events into `state` and records them; throws the domain's DomainError when refused. */
  decide(command: CommandInput): readonly UserEvent[];
  /** Everything this message produced, in order. */
  readonly output: readonly UserActorEvent[];
  recordCall(call: TelegramCallQueued): void;
}

export const createSession = (userId: string, state: UserState, now: Date, messageId: string): ActorSession => {
  let current = state;
  let decisions = 0;
  const output: UserActorEvent[] = [];
  return {
    userId,
    now,
    messageId,
    get state() {
      return current;
    },
    decide(command) {
      // The first decision carries the message id itself, so the domain's memory of applied ids recognises a
      // redelivered message; later ones get derived ids.
      const commandId = decisions === 0 ? messageId : `${messageId}#${decisions}`;
      decisions += 1;
      const events = decide({ ...command, meta: { now, commandId } } as UserCommand, current);
      for (const event of events) current = evolve(current, event);
      output.push(...events);
      return events;
    },
    output,
    recordCall(call) {
      output.push({ type: OUTBOX_EVENT_TYPES.telegramCall, data: call });
    },
  };
};
