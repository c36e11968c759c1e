// A tiny in-memory stand-in for the actor runtime, for property tests: one state and one event log per user,
// decide + evolve per command, and the outbox (CrossActorCommandQueued) as a bag of messages the test delivers in
// any order, any number of times. DomainErrors are legal refusals; anything else is a bug and propagates.
import { isDomainError } from '../../../domain/errors.js';
import type { UserCommand, UserEvent, UserState } from '../../../domain/user/index.js';
import { decide, evolve, fold, initialState } from '../../../domain/user/index.js';

export interface Message {
  readonly commandId: string;
  readonly target: string;
  readonly command: Extract<UserEvent, { type: 'CrossActorCommandQueued' }>['data']['command'];
}

export interface Network {
  readonly states: Map<string, UserState>;
  readonly logs: Map<string, UserEvent[]>;
  /** Queued cross-actor commands not delivered yet (a delivered one may be delivered again: redelivery). */
  readonly inFlight: Message[];
  /** Applies a command to a user's actor; returns the decided events, or the DomainError code it was refused with. */
  send(user: string, command: UserCommand): readonly UserEvent[] | string;
  /** Delivers the in-flight message at `index` (mod length); keeps it in flight when `again` (a redelivery later). */
  deliver(index: number, now: Date, again?: boolean): void;
  /** Delivers everything still in flight, in order, until nothing is left. */
  settle(now: Date): void;
}

export const createNetwork = (histories: Readonly<Record<string, readonly UserEvent[]>>): Network => {
  const states = new Map<string, UserState>();
  const logs = new Map<string, UserEvent[]>();
  for (const [user, history] of Object.entries(histories)) {
    states.set(user, fold(history));
    logs.set(user, [...history]);
  }
  const inFlight: Message[] = [];

  const send = (user: string, command: UserCommand): readonly UserEvent[] | string => {
    const state = states.get(user) ?? initialState();
    let events: readonly UserEvent[];
    try {
      events = decide(command, state);
    } catch (error) {
      if (isDomainError(error)) return error.code;
      throw error;
    }
    states.set(user, events.reduce(evolve, state));
    logs.set(user, [...(logs.get(user) ?? []), ...events]);
    for (const e of events) if (e.type === 'CrossActorCommandQueued') inFlight.push({ commandId: e.data.commandId, target: e.data.target, command: e.data.command });
    return events;
  };

  const deliver = (index: number, now: Date, again = false): void => {
    if (inFlight.length === 0) return;
    const at = index % inFlight.length;
    const message = inFlight[at] as Message;
    if (!again) inFlight.splice(at, 1);
    const result = send(message.target, { ...message.command, meta: { now, commandId: message.commandId } } as UserCommand);
    // Peer commands answer committed facts: they are never refused for business reasons.
    if (typeof result === 'string') throw new Error(`peer command ${message.command.type} refused: ${result}`);
  };

  const settle = (now: Date): void => {
    for (let guard = 0; inFlight.length > 0; guard += 1) {
      if (guard > 10_000) throw new Error('messages never settle');
      deliver(0, now);
    }
  };

  return { states, logs, inFlight, send, deliver, settle };
};
