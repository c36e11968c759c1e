// What Telegram measures: the text left after entity parsing (parse_mode markup removed), in UTF-16 code units.
// The HTML and MarkdownV2 parsers here are deliberately small: they accept what Telegram accepts for the tags and
// escapes a bot uses, and refuse the mistakes Telegram refuses (unclosed or unknown tags, unescaped reserved chars).
import { badRequest } from './apiError.js';

const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);
const HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const parseHtml = (text: string): string => {
  const open: string[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '<') {
      const end = text.indexOf('>', i);
      if (end === -1) throw badRequest(`can't parse entities: Unclosed start tag at byte offset ${i}`);
      const tag = text.slice(i + 1, end).trim();
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]?.toLowerCase() ?? '';
      if (!HTML_TAGS.has(name)) throw badRequest(`can't parse entities: Unsupported start tag "${name}" at byte offset ${i}`);
      if (closing) {
        if (open.pop() !== name) throw badRequest(`can't parse entities: Unmatched end tag at byte offset ${i}, expected "</${open.at(-1) ?? ''}>", found "</${name}>"`);
      } else {
        open.push(name);
      }
      i = end + 1;
    } else if (char === '&') {
      const end = text.indexOf(';', i);
      const name = end === -1 ? '' : text.slice(i + 1, end);
      const decoded = name.startsWith('#x')
        ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
        : name.startsWith('#')
          ? String.fromCodePoint(Number.parseInt(name.slice(1), 10))
          : HTML_ENTITIES[name];
      if (decoded === undefined || end === -1) {
        plain += '&';
        i += 1;
      } else {
        plain += decoded;
        i = end + 1;
      }
    } else {
      plain += char;
      i += 1;
    }
  }
  if (open.length > 0) throw badRequest(`can't parse entities: Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return plain;
};

const MARKDOWN_V2_FORMAT = new Set(['*', '_', '~', '`', '|']);
const MARKDOWN_V2_RESERVED = new Set(['>', '#', '+', '-', '=', '{', '}', '.', '!', '(', ')', ']']);

const parseMarkdownV2 = (text: string): string => {
  let plain = '';
  let i = 0;
  const toggled = new Map<string, number>();
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\') {
      plain += text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (MARKDOWN_V2_FORMAT.has(char)) {
      const width = (char === '_' && text[i + 1] === '_') || (char === '|' && text[i + 1] === '|') ? 2 : 1;
      const key = text.slice(i, i + width);
      toggled.set(key, (toggled.get(key) ?? 0) + 1);
      i += width;
      continue;
    }
    if (char === '[') {
      const close = text.indexOf('](', i);
      const end = close === -1 ? -1 : text.indexOf(')', close);
      if (close === -1 || end === -1) throw badRequest(`can't parse entities: Character '[' is reserved and must be escaped with the preceding '\\'`);
      plain += parseMarkdownV2(text.slice(i + 1, close));
      i = end + 1;
      continue;
    }
    const atLineStart = i === 0 || text[i - 1] === '\n';
    if (MARKDOWN_V2_RESERVED.has(char) && !(char === '>' && atLineStart)) {
      throw badRequest(`can't parse entities: Character '${char}' is reserved and must be escaped with the preceding '\\'`);
    }
    if (!(char === '>' && atLineStart)) plain += char;
    i += 1;
  }
  for (const [key, count] of toggled) {
    if (count % 2 !== 0) throw badRequest(`can't parse entities: Can't find end of ${key === '`' ? 'Code' : 'the'} entity starting with '${key}'`);
  }
  return plain;
};

const parseMarkdown = (text: string): string => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');

export const plainTextOf = (text: string, parseMode: unknown): string => {
  if (parseMode === undefined || parseMode === null || parseMode === '') return text;
  switch (String(parseMode).toLowerCase()) {
    case 'html':
      return parseHtml(text);
    case 'markdownv2':
      return parseMarkdownV2(text);
    case 'markdown':
      return parseMarkdown(text);
    default:
      throw badRequest(`unsupported parse_mode`);
  }
};

/** Telegram's rule for message text: 1–4096 UTF-16 code units after entity parsing, not only whitespace. */
export const checkedText = (text: unknown, parseMode: unknown, limits: { max: number; field: 'text' | 'caption'; allowEmpty?: boolean }): string => {
  if (text === undefined && limits.allowEmpty === true) return '';
  if (typeof text !== 'string') throw badRequest(limits.field === 'text' ? 'message text is empty' : 'caption is invalid');
  const plain = plainTextOf(text, parseMode);
  if (plain.trim().length === 0 && limits.allowEmpty !== true) throw badRequest(limits.field === 'text' ? 'message text is empty' : 'caption is empty');
  if (plain.length > limits.max) throw badRequest(limits.field === 'text' ? 'message is too long' : 'message caption is too long');
  return plain;
};
