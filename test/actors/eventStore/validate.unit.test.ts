import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventStoreError } from '../../../actors/eventStore/errors.js';
import { prepareEvents } from '../../../actors/eventStore/validate.js';

// The rule prepareEvents must apply to data and metadata, written the slow and obvious way: JSON.stringify with a
// replacer that refuses what JSON would drop or turn into null inside arrays, numbers that are not finite, and
// text jsonb cannot hold (NUL, unpaired surrogates); the root must serialise to something.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be refused
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const strictly = (value: unknown): string | 'refused' => {
  try {
    const text = JSON.stringify(value, function (this: unknown, _key: string, inner: unknown) {
      if ((typeof inner === 'function' || typeof inner === 'symbol' || inner === undefined) && Array.isArray(this)) throw new TypeError('dropped');
      if (typeof inner === 'number' && !Number.isFinite(inner)) throw new TypeError('not finite');
      if (typeof inner === 'string' && UNSTORABLE.test(inner)) throw new TypeError('unstorable');
      return inner;
    });
    return text ?? 'refused';
  } catch {
    return 'refused';
  }
};

const prepared = (data: unknown): string | 'refused' => {
  try {
    return prepareEvents('s-1', [{ id: randomUUID(), type: 'Tested', schemaVersion: 1, data }])[0]!.data;
  } catch (error) {
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'NOT_SERIALIZABLE' });
    return 'refused';
  }
};

// Leaves chosen to hit every case of the rule, and the texts that look like them: 'null' inside a string, a
// literal backslash-u, control characters JSON escapes as \u00XX.
const leaf = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, Number.NaN, Infinity, -Infinity, -0, '\u0000', '\ud800', 'a\udc00b', '\ud83d\ude00', 'null', 'nullable', '\\u0000', '\\ud800', '\u0001', () => 1, Symbol('s')),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary' }),
  fc.date({ noInvalidDate: false }),
  fc.constant({ toJSON: () => undefined }),
  fc.constant({ toJSON: () => Number.NaN }),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4 })),
}));

describe('prepareEvents serialisation', () => {
  it('gives the strict rule’s text, or refuses with NOT_SERIALIZABLE exactly when the rule does', () => {
    fc.assert(
      fc.property(value, (data) => {
        expect(prepared(data)).toEqual(strictly(data));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses the cases of the rule at the root, in objects and in arrays', () => {
    for (const bad of [undefined, () => 1, Symbol('s'), Number.NaN, Infinity, 10n, '\u0000', '\ud800']) {
      expect(prepared(bad)).toBe('refused');
      expect(prepared([bad])).toBe('refused');
      expect(prepared({ a: { b: [1, bad] } })).toBe('refused');
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(prepared(circular)).toBe('refused');
    // Inside an object, what JSON drops is dropped (also under an empty key).
    expect(prepared({ a: undefined, b: () => 1, '': undefined, c: 1 })).toBe('{"c":1}');
    expect(prepared({ text: 'null \\u0000 \u0001', n: null })).toBe(JSON.stringify({ text: 'null \\u0000 \u0001', n: null }));
  });

  it('measures the size limit in bytes, not in characters', () => {
    const event = (text: string) => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { text } });
    expect(() => prepareEvents('s-1', [event('x'.repeat(1024 * 1024 - 100))])).not.toThrow();
    expect(() => prepareEvents('s-1', [event('é'.repeat(600 * 1024))])).toThrow(expect.objectContaining({ code: 'EVENT_TOO_LARGE' }));
  });
});
