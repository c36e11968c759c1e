// Relay formatting against Telegram's limits: 4096 for a text, 1024 for a caption, counted in UTF-16 code units as
// Telegram counts them; entities shifted past the header; replies quoted without the relay's own header.
import { describe, expect, it } from 'vitest';
import {
  CAPTION_LIMIT,
  TEXT_LIMIT,
  excerptOf,
  relayCaption,
  relayHeader,
  relayTextParts,
  repliedText,
  splitUtf16,
} from '../../../../../actors/userActor/bot/handlers/relay/format.js';

const HEADER = '💬 \u2068Anna\u2069';

describe('relayTextParts', () => {
  it('puts a short text under the header in one message, header bold, entities shifted', () => {
    const parts = relayTextParts(HEADER, 'hi there', [{ type: 'italic', offset: 3, length: 5 }]);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text).toBe(`${HEADER}\nhi there`);
    expect(parts[0]!.entities).toEqual([
      { type: 'bold', offset: 0, length: HEADER.length },
      { type: 'italic', offset: HEADER.length + 1 + 3, length: 5 },
    ]);
  });

  it('keeps header and text together when they fill exactly 4096', () => {
    const text = 'a'.repeat(TEXT_LIMIT - HEADER.length - 1);
    const parts = relayTextParts(HEADER, text);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text.length).toBe(TEXT_LIMIT);
  });

  it('sends a 4096-character text whole after a header of its own, formatting kept', () => {
    const text = 'ж'.repeat(TEXT_LIMIT);
    const parts = relayTextParts(HEADER, text, [{ type: 'bold', offset: 0, length: 4 }]);
    expect(parts.map((part) => part.text)).toEqual([HEADER, text]);
    expect(parts[1]!.entities).toEqual([{ type: 'bold', offset: 0, length: 4 }]);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
  });

  it('splits anything longer than Telegram allows without cutting an emoji in half', () => {
    const text = `${'a'.repeat(TEXT_LIMIT - 1)}😀tail`;
    const parts = relayTextParts(HEADER, text);
    expect(parts.slice(1).map((part) => part.text).join('')).toBe(text);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(parts[1]!.text.endsWith('a')).toBe(true);
  });
});

describe('splitUtf16', () => {
  it('never leaves a lone surrogate at a cut', () => {
    const pieces = splitUtf16('😀'.repeat(5), 3);
    expect(pieces.join('')).toBe('😀'.repeat(5));
    for (const piece of pieces) expect(piece).not.toMatch(/[\uD800-\uDBFF]$/u);
  });
});

describe('relayCaption', () => {
  it('puts the header before the original caption', () => {
    expect(relayCaption(HEADER, 'my street', [{ type: 'italic', offset: 0, length: 2 }])).toEqual({
      text: `${HEADER}\nmy street`,
      entities: [
        { type: 'bold', offset: 0, length: HEADER.length },
        { type: 'italic', offset: HEADER.length + 1, length: 2 },
      ],
    });
  });

  it('is the header alone for media without a caption', () => {
    expect(relayCaption(HEADER, undefined)?.text).toBe(HEADER);
  });

  it('gives up (header sent as its own message) when header and caption exceed 1024', () => {
    expect(relayCaption(HEADER, 'c'.repeat(CAPTION_LIMIT - HEADER.length - 1))?.text.length).toBe(CAPTION_LIMIT);
    expect(relayCaption(HEADER, 'c'.repeat(CAPTION_LIMIT - HEADER.length))).toBeNull();
  });
});

describe('replies', () => {
  it('quotes a short single-line excerpt', () => {
    expect(excerptOf('line one\nline   two')).toBe('line one line two');
    const long = excerptOf('слово '.repeat(40));
    expect([...long].length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });

  it('leaves the relay header out of a relayed message replied to', () => {
    const bot = { is_bot: true };
    expect(repliedText({ text: `${HEADER}\nhello`, from: bot }, '💬')).toBe('hello');
    expect(repliedText({ text: `${HEADER}\n↩ «old»\nhello`, from: bot }, '💬')).toBe('hello');
    expect(repliedText({ caption: `${HEADER}\nmy street`, from: bot }, '💬')).toBe('my street');
    // The user's own message is quoted as it is.
    expect(repliedText({ text: '💬 mine', from: { is_bot: false } }, '💬')).toBe('💬 mine');
  });

  it('builds the header lines', () => {
    expect(relayHeader(HEADER, null)).toBe(HEADER);
    expect(relayHeader(HEADER, '↩ “x”')).toBe(`${HEADER}\n↩ “x”`);
  });
});
