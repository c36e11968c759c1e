// A person's name as other users see it: Telegram allows almost anything in a first name (emoji, right-to-left
// scripts, invisible controls, 256 characters). Controls and bidi overrides go (they break rendering and enable
// spoofing), the length is bounded, and the name is wrapped in a first-strong isolate so a right-to-left name
// cannot reorder the sentence around it.

// C0/C1 controls, bidi marks, embeddings, overrides and isolates, zero-width space, line separators and BOM; other
// format characters stay (zero-width joiners and tag characters build emoji sequences and flags).
const CONTROL = /[\p{Cc}\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/gu;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export const DISPLAY_NAME_MAX_CHARACTERS = 64;

/** U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** Keeps at most `max` user-perceived characters, adding an ellipsis when it cut. */
export const truncateGraphemes = (text: string, max: number): string => {
  if (max <= 0) return '';
  const parts: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (parts.length === max) return `${parts.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
    parts.push(segment);
  }
  return text;
};

/**
 * Keeps whole user-perceived characters up to `maxUnits` UTF-16 code units (how Telegram and JavaScript count a
 * message's length), ending with an ellipsis when it cut.
 */
export const truncateToUnits = (text: string, maxUnits: number): string => {
  if (text.length <= maxUnits) return text;
  if (maxUnits <= 0) return '';
  let kept = '';
  for (const { segment } of segmenter.segment(text)) {
    if (kept.length + segment.length + 1 > maxUnits) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
};

/** The name to show, isolated; `fallback` (a catalog text such as "a learner") when nothing printable is left. */
export const displayName = (firstName: string | null, fallback: string): string => {
  const cleaned = (firstName ?? '')
    .replace(CONTROL, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return isolate(cleaned === '' ? fallback : truncateGraphemes(cleaned, DISPLAY_NAME_MAX_CHARACTERS));
};
