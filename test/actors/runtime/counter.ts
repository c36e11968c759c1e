// A tiny aggregate for runtime tests: a counter whose commands may be refused, with an idempotency memory.
import type { ActorBehavior } from '../../../actors/runtime/actorHost.js';
import type { EventCodec, StateCodec } from '../../../actors/runtime/types.js';

export type CounterEvent = { type: 'Added'; amount: number; by: string };
export interface CounterState {
  readonly total: number;
  readonly seen: readonly string[];
}
export interface CounterMessage {
  readonly id: string;
  readonly amount: number;
  /** Lets a test hold a message inside `handle`, to interleave others. */
  readonly gate?: Promise<void>;
}

export const counterBehavior: ActorBehavior<CounterMessage, CounterEvent, CounterState> = {
  initialState: () => ({ total: 0, seen: [] }),
  evolve: (state, event) => ({ total: state.total + event.amount, seen: [...state.seen, event.by] }),
  async handle(message, state) {
    if (message.gate) await message.gate;
    if (state.seen.includes(message.id)) return [];
    return [{ type: 'Added', amount: message.amount, by: message.id }];
  },
  causationOf: (message) => message.id,
};

export const counterCodec: EventCodec<CounterEvent> = {
  encode: (event) => ({ type: event.type, schemaVersion: 1, data: { amount: event.amount, by: event.by } }),
  decode: (stored) => ({ type: 'Added', ...(stored.data as { amount: number; by: string }) }),
};

export const counterStateCodec: StateCodec<CounterState> = {
  schemaVersion: 1,
  encode: (state) => state,
  decode: (data) => data as CounterState,
};
