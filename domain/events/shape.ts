// A tiny parser-combinator for stored event data ("parse at the edge, trust inside"). domain/ imports nothing
// outside itself, so this stands in for a schema library. A Shape returns the parsed value (unknown keys dropped,
// so the result is canonical) or throws EventShapeError naming the path that failed.

export const EVENT_SHAPE_ERROR_CODES = ['unknown_event_type', 'unsupported_version', 'missing_upcaster', 'invalid_shape'] as const;
export type EventShapeErrorCode = (typeof EVENT_SHAPE_ERROR_CODES)[number];

export class EventShapeError extends Error {
  constructor(
    readonly code: EventShapeErrorCode,
    readonly eventType: string,
    readonly detail: string,
  ) {
    super(`${code}: ${eventType}: ${detail}`);
    this.name = 'EventShapeError';
  }
}

/** Thrown inside shapes; upcast() wraps it with the event type. */
export class ShapeMismatch extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || '(root)'}: expected ${expected}`);
    this.name = 'ShapeMismatch';
  }
}

export type Shape<T> = (value: unknown, path: string) => T;
export type Parsed<S> = S extends Shape<infer T> ? T : never;

const fail = (path: string, expected: string): never => {
  throw new ShapeMismatch(path, expected);
};

export const string =
  (options: { readonly min?: number; readonly max?: number; readonly pattern?: RegExp } = {}): Shape<string> =>
  (value, path) => {
    if (typeof value !== 'string') return fail(path, 'a string');
    if (options.min !== undefined && value.length < options.min) return fail(path, `at least ${options.min} characters`);
    if (options.max !== undefined && value.length > options.max) return fail(path, `at most ${options.max} characters`);
    if (options.pattern !== undefined && !options.pattern.test(value)) return fail(path, `to match ${String(options.pattern)}`);
    return value;
  };

export const integer =
  (min: number, max: number): Shape<number> =>
  (value, path) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fail(path, `an integer in ${min}..${max}`);

export const boolean: Shape<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'a boolean'));

export const oneOf = <const T extends string>(values: readonly T[]): Shape<T> => {
  // A set, not includes(): language codes and interests are long lists, checked on every event read.
  const allowed = new Set<string>(values);
  return (value, path) => (typeof value === 'string' && allowed.has(value) ? (value as T) : fail(path, `one of ${values.join('|')}`));
};

export const nullable =
  <T>(shape: Shape<T>): Shape<T | null> =>
  (value, path) =>
    value === null ? null : shape(value, path);

export const array =
  <T>(shape: Shape<T>, options: { readonly min?: number; readonly max?: number } = {}): Shape<readonly T[]> =>
  (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'an array');
    if (value.length < (options.min ?? 0) || value.length > (options.max ?? Number.MAX_SAFE_INTEGER)) return fail(path, 'an array of the allowed length');
    return value.map((item, i) => shape(item, `${path}[${i}]`));
  };

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const object =
  <const F extends Readonly<Record<string, Shape<unknown>>>>(fields: F): Shape<{ readonly [K in keyof F]: Parsed<F[K]> }> => {
    // Listed once, not per value: every event read goes through here (a replay: a million times).
    const entries = Object.entries(fields);
    return (value, path) => {
      if (!isPlainObject(value)) return fail(path, 'an object');
      const out: Record<string, unknown> = {};
      for (const [key, shape] of entries) out[key] = shape(value[key], path === '' ? key : `${path}.${key}`);
      return out as { readonly [K in keyof F]: Parsed<F[K]> };
    };
  };

export const record =
  <K extends string, V>(key: Shape<K>, shape: Shape<V>): Shape<Readonly<Record<K, V>>> =>
  (value, path) => {
    if (!isPlainObject(value)) return fail(path, 'an object');
    const out: Record<string, V> = {};
    for (const [k, v] of Object.entries(value)) out[key(k, `${path}{key}`)] = shape(v, `${path}.${k}`);
    return out as Readonly<Record<K, V>>;
  };

/** A `{ type, data }` union, discriminated by `type`. */
export const tagged =
  <const M extends Readonly<Record<string, Shape<unknown>>>>(variants: M): Shape<{ [K in keyof M & string]: { readonly type: K; readonly data: Parsed<M[K]> } }[keyof M & string]> =>
  (value, path) => {
    if (!isPlainObject(value) || typeof value.type !== 'string' || !Object.hasOwn(variants, value.type)) return fail(`${path}.type`, `one of ${Object.keys(variants).join('|')}`);
    const type = value.type;
    const data = (variants[type] as Shape<unknown>)(value.data, `${path}.data`);
    return { type, data } as never;
  };

export const isoTime: Shape<string> = (value, path) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) && Number.isFinite(Date.parse(value))
    ? value
    : fail(path, 'an ISO-8601 UTC time');

export const userId: Shape<string> = string({ pattern: /^[1-9][0-9]{0,15}$/ });

/** A field older versions may omit. */
export const optional =
  <T>(shape: Shape<T>): Shape<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : shape(value, path);
