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

// A class, not an object of closures: one is made per message, and its methods and state getter then live on the
// prototype instead of being made again each time (five closures and an accessor pair per message).
class Session implements ActorSession {
  readonly output: UserActorEvent[] = [];
  #current: UserState;
  #decisions = 0;

  constructor(
    readonly userId: string,
    state: UserState,
    readonly now: Date,
    readonly messageId: string,
  ) {
    this.#current = state;
  }

  get state(): UserState {
    return this.#current;
  }

  decide(command: CommandInput): readonly UserEvent[] {
    // The first decision carries the message id itself, so the domain's memory of applied ids recognises a
    // redelivered message; later ones get derived ids.
    const commandId = this.#decisions === 0 ? this.messageId : `${this.messageId}#${this.#decisions}`;
    this.#decisions += 1;
    const events = decide({ ...command, meta: { now: this.now, commandId } } as UserCommand, this.#current);
    for (const event of events) this.#current = evolve(this.#current, event);
    this.output.push(...events);
    return events;
  }

  recordCall(call: TelegramCallQueued): void {
    this.output.push({ type: OUTBOX_EVENT_TYPES.telegramCall, data: call });
  }
}

export const createSession = (userId: string, state: UserState, now: Date, messageId: string): ActorSession => new Session(userId, state, now, messageId);
