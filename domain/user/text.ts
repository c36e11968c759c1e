// Free-text rules: lengths count user-perceived characters (grapheme clusters), so an emoji flag or a family emoji
// counts once, as the user sees it; control characters and bidirectional overrides are refused because they break
// rendering and enable spoofing (line breaks are allowed where multi-line text makes sense).

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export const countCharacters = (text: string): number => {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
};

// Unicode "Cc" (C0 and C1 controls) plus the bidi embedding/override/isolate controls.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export const hasControlCharacters = (text: string, allowNewlines: boolean): boolean =>
  CONTROL.test(allowNewlines ? text.replaceAll('\n', '') : text);

/** The canonical stored form: NFC (so counts and comparisons are stable), Windows line ends folded, trimmed. */
export const normalizeText = (text: string): string => text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
