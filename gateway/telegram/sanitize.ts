// Makes an update storable: Postgres (jsonb and text) refuses NUL and unpaired UTF-16 surrogates, both of which a
// Telegram client can send and JSON.parse happily produces from \u escapes. Each becomes U+FFFD, one UTF-16 code
// unit for one: replacing instead of dropping keeps every entity offset (Telegram counts them in UTF-16 units)
// pointing at the same text, so a /command entity still covers the command.

// eslint-disable-next-line no-control-regex -- NUL is exactly what we are looking for
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

export const sanitizeText = (text: string): string => text.replace(UNSTORABLE, '\uFFFD');

export const sanitizeJson = (value: unknown): unknown => {
  if (typeof value === 'string') return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeJson);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) result[sanitizeText(key)] = sanitizeJson(inner);
    return result;
  }
  return value;
};

// In JSON text NUL can only arrive as the escape \u0000 (a raw control character is not valid JSON) and a lone
// surrogate only as an escape \uD800–\uDFFF (decoded UTF-8 never yields one). Text without either parses to a value
// sanitizeJson returns unchanged. Surrogate pairs (emoji sent escaped) match too: those take the careful path.
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/** False only when JSON.parse(json) is sure to hold nothing sanitizeJson would change, so `json` is storable as is. */
export const mayNeedSanitizing = (json: string): boolean => UNSTORABLE_ESCAPE.test(json);
