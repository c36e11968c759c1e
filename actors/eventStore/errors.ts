// The event store's coded errors. Adapters throw only these for expected failures; the edge maps codes to answers.

export type EventStoreErrorCode =
  | 'CONCURRENCY'
  | 'INVALID_STREAM_NAME'
  | 'INVALID_EVENT'
  | 'EVENT_TOO_LARGE'
  | 'NOT_SERIALIZABLE'
  | 'DUPLICATE_EVENT_ID';

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'EventStoreError';
  }
}

export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: number | 'any' | 'no_stream',
    readonly actual: number,
  ) {
    super('CONCURRENCY', `stream ${stream}: expected version ${String(expected)}, actual ${actual}`, { stream, expected, actual });
    this.name = 'ConcurrencyError';
  }
}

export const isConcurrencyError = (error: unknown): error is ConcurrencyError => error instanceof ConcurrencyError;
