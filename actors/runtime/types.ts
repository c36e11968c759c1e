// The actor runtime's view of an aggregate: pure evolve/decide from domain/, plus a codec between domain events
// and stored events. The runtime owns all I/O; behaviours never touch the store.

/** Emmett-style decider: three pure functions. */
export interface Decider<Command, Event, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
}

/** What the store keeps of a domain event; `decode` upcasts older schema versions and validates the shape. */
export interface StoredShape {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export interface EventCodec<Event> {
  readonly encode: (event: Event) => StoredShape;
  readonly decode: (stored: StoredShape) => Event;
}

export interface StateCodec<State> {
  /** Bumped whenever the state's shape changes: older snapshots are ignored and the stream is folded instead. */
  readonly schemaVersion: number;
  readonly encode: (state: State) => unknown;
  readonly decode: (data: unknown) => State;
}

/** A live actor's memory: the folded state and the stream version it reflects. */
export interface ActorState<State> {
  readonly state: State;
  readonly version: number;
  /** Events appended since the last snapshot, to decide when to take the next. */
  readonly sinceSnapshot: number;
}
