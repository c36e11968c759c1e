// Checks shared by every adapter, so each refuses bad input the same way and writes nothing of a bad append.
import { EventStoreError } from './errors.js';
import type { EventMetadata, ExpectedVersion, NewEvent } from './types.js';

export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_STREAM_NAME_LENGTH = 200;

const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@=+-]*$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PostgreSQL's jsonb (and many other stores) refuse NUL and unpaired UTF-16 surrogates; the gateway sanitises
// user text before it gets here, so meeting one means a bug upstream and the append is refused whole.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be refused
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** An event checked and serialised once; adapters store `data`/`metadata` text as it is. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
}

export const validateStreamName = (stream: unknown): string => {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > MAX_STREAM_NAME_LENGTH || !STREAM_NAME.test(stream)) {
    throw new EventStoreError(
      'INVALID_STREAM_NAME',
      `invalid stream name ${JSON.stringify(stream)}: 1–${MAX_STREAM_NAME_LENGTH} characters of A–Z a–z 0–9 _ . : @ = + -, starting with a letter or digit`,
      { stream },
    );
  }
  return stream;
};

export const validateExpectedVersion = (expected: unknown): ExpectedVersion => {
  if (expected === 'any' || expected === 'no_stream') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new EventStoreError('INVALID_EVENT', `invalid expected version ${String(expected)}: a version ≥ 0, 'any' or 'no_stream'`);
};

/**
 * Strict JSON: refuses what JSON.stringify would silently drop or turn into null. The root must serialise to
 * something (JSON.stringify returns undefined for a function, a symbol or undefined there); inside an object such a
 * value is dropped like JSON.stringify drops it.
 */
const serialiseStrictly = (value: unknown, what: () => string): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function (this: unknown, _key: string, inner: unknown) {
      switch (typeof inner) {
        case 'function':
        case 'symbol':
        case 'undefined':
          if (Array.isArray(this)) throw new TypeError(`${typeof inner} is not JSON`);
          return undefined;
        case 'number':
          if (!Number.isFinite(inner)) throw new TypeError(`${inner} is not JSON`);
          return inner;
        case 'string':
          if (UNSTORABLE_TEXT.test(inner)) throw new TypeError('text holds NUL or an unpaired surrogate');
          return inner;
        default:
          return inner;
      }
    });
  } catch (error) {
    throw new EventStoreError('NOT_SERIALIZABLE', `${what()} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (text === undefined) throw new EventStoreError('NOT_SERIALIZABLE', `${what()} is not JSON-serialisable`);
  return text;
};

/**
 * The same text as serialiseStrictly, most of the time at the cost of a plain JSON.stringify (a replacer function
 * takes V8 off its fast path: per key a call into JavaScript). Whatever the strict check refuses shows in the plain
 * text: a value inside an array or a number that is not finite comes out as `null`, NUL and unpaired surrogates
 * as `\u` escapes, and a root that does not serialise as no text at all. So a text with neither `null` nor `\u`
 * passes the strict check unchanged; anything else (also a throw: BigInt, a cycle) goes through it, for its verdict
 * and its message.
 */
const serialise = (value: unknown, what: () => string): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text !== undefined && !text.includes('null') && !text.includes('\\u')) return text;
  return serialiseStrictly(value, what);
};

const serialiseMetadata = (metadata: EventMetadata | undefined, what: () => string): string => {
  if (metadata === undefined) return '{}';
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new EventStoreError('INVALID_EVENT', `${what()}: metadata must be an object`);
  }
  return serialise(metadata, () => `${what()} metadata`);
};

/** A UTF-16 code unit is at most 3 bytes of UTF-8: below this many code units no event can be too large. */
const SURELY_SMALL_LENGTH = Math.floor(MAX_EVENT_BYTES / 3);

export const prepareEvents = (stream: string, events: readonly NewEvent[]): PreparedEvent[] => {
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreError('INVALID_EVENT', `append to ${stream}: no events`, { stream });
  }
  // Most appends carry one event: no set of ids to keep then.
  const ids = events.length > 1 ? new Set<string>() : undefined;
  const prepared = new Array<PreparedEvent>(events.length);
  for (let index = 0; index < events.length; index += 1) {
    const event: NewEvent = events[index];
    const what = (): string => `event ${index} of ${stream}`;
    if (typeof event !== 'object' || event === null) throw new EventStoreError('INVALID_EVENT', `${what()} is not an object`);
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new EventStoreError('INVALID_EVENT', `${what()}: id ${JSON.stringify(event.id)} is not a UUID`);
    }
    const id = event.id.toLowerCase();
    if (ids !== undefined) {
      if (ids.has(id)) throw new EventStoreError('INVALID_EVENT', `${what()}: id ${id} appears twice in one append`);
      ids.add(id);
    }
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new EventStoreError('INVALID_EVENT', `${what()}: invalid type ${JSON.stringify(event.type)}`);
    }
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new EventStoreError('INVALID_EVENT', `${what()}: schemaVersion must be an integer ≥ 1`);
    }
    const data = serialise(event.data, what);
    const metadata = serialiseMetadata(event.metadata, what);
    if (data.length + metadata.length > SURELY_SMALL_LENGTH) {
      const bytes = Buffer.byteLength(data) + Buffer.byteLength(metadata);
      if (bytes > MAX_EVENT_BYTES) {
        throw new EventStoreError('EVENT_TOO_LARGE', `${what()} is ${bytes} bytes; the limit is ${MAX_EVENT_BYTES}`, { bytes });
      }
    }
    prepared[index] = { id, type: event.type, schemaVersion: event.schemaVersion, data, metadata };
  }
  return prepared;
};
