import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeJson } from '../../gateway/index.js';
import { mayNeedSanitizing } from '../../gateway/telegram/sanitize.js';

// Single UTF-16 units, NUL and surrogate halves (alone or, by chance, paired) often among them.
const unit = fc.oneof(
  fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\\', '"', 'я'),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

// Telegram's style: every character outside ASCII (and every control character) as a \u escape.
const escapeNonAscii = (json: string): string =>
  json.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('mayNeedSanitizing', () => {
  it('is false only for JSON text whose value sanitizeJson leaves unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: unit }), fc.boolean(), (value, escaped) => {
        const text = escaped ? escapeNonAscii(JSON.stringify(value)) : JSON.stringify(value);
        if (!mayNeedSanitizing(text)) expect(sanitizeJson(JSON.parse(text))).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets ordinary updates through, escaped or not, and flags NUL and surrogate escapes', () => {
    expect(mayNeedSanitizing('{"update_id":1,"message":{"text":"привет, ¿qué tal?"}}')).toBe(false);
    expect(mayNeedSanitizing('{"update_id":1,"message":{"text":"\\u043f\\u0440\\u0438\\u0432\\u0435\\u0442 \\u202eRTL"}}')).toBe(false);
    expect(mayNeedSanitizing('{"text":"a\\u0000b"}')).toBe(true);
    expect(mayNeedSanitizing('{"text":"a\\udc00b"}')).toBe(true);
    expect(mayNeedSanitizing('{"text":"\\uD83D\\uDE00"}')).toBe(true);
  });
});
