// A captured Bot API call's payload is copied as plain data: exactly what a JSON round trip makes of it (the form it
// is stored and sent in), whatever a handler passed — including what plain copying cannot take and leaves to the
// round trip (dates, URLs, class instances, undefined in arrays, NaN, a `__proto__` key).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadCopy } from '../../../actors/userActor/captureCalls.js';

const roundTrip = (payload: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(payload)) as unknown;

describe('payloadCopy', () => {
  it('equals a JSON round trip for any object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything({ withNullPrototype: true, withObjectString: true, withDate: true, withSparseArray: true, withBoxedValues: true })), (payload) => {
        expect(payloadCopy(payload)).toStrictEqual(roundTrip(payload));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals a JSON round trip on the forms handlers pass', () => {
    const keyboard = { inline_keyboard: [[Object.freeze({ text: '🇬🇧 English', callback_data: 'ob:native:t:en' })], []] };
    const cases: Record<string, unknown>[] = [
      { chat_id: 42, text: 'hi', reply_markup: keyboard, parse_mode: undefined },
      { chat_id: -0, text: 'zero', entities: [{ type: 'bold', offset: 0, length: 4 }] },
      { chat_id: 1, photo: new URL('https://example.org/a.png'), point: new (class Point { readonly x = 1; })(), when: new Date(0) },
      { chat_id: 1, list: [1, undefined, Number.NaN, Infinity] },
      JSON.parse('{"__proto__": {"polluted": true}, "chat_id": 1}') as Record<string, unknown>,
      { toJSON: 'not a function', text: '\ud800 lone surrogate' },
    ];
    for (const payload of cases) expect(payloadCopy(payload)).toStrictEqual(roundTrip(payload));
    // A copy, never the handler's objects.
    const copied = payloadCopy(cases[0]!) as { reply_markup: typeof keyboard };
    expect(copied.reply_markup).not.toBe(keyboard);
    expect(Object.isFrozen(copied.reply_markup.inline_keyboard[0]![0])).toBe(false);
  });
});
