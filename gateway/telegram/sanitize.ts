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
