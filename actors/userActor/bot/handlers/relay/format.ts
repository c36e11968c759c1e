// What a relayed message looks like on the partner's side: a header naming the sender (first name only) and, for a
// reply, a short excerpt of the message replied to (message ids differ between the two chats, so a real reply is
// impossible). Pure functions: Telegram's limits are counted here the way Telegram counts them, in UTF-16 code
// units (JavaScript's string length), and formatting entities are shifted past the header.
import type { MessageEntity } from 'grammy/types';
import { truncateGraphemes } from '../../cards/displayName.js';

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const EXCERPT_MAX_CHARACTERS = 60;

export interface FormattedPart {
  readonly text: string;
  readonly entities: readonly MessageEntity[];
}

/** The header's lines: "💬 Name" and, for a reply, "↩ “excerpt”". */
export const relayHeader = (nameLine: string, replyLine: string | null): string => (replyLine === null ? nameLine : `${nameLine}\n${replyLine}`);

const bold = (text: string): MessageEntity => ({ type: 'bold', offset: 0, length: text.length });

const shifted = (entities: readonly MessageEntity[] | undefined, by: number): MessageEntity[] =>
  (entities ?? []).map((entity) => ({ ...entity, offset: entity.offset + by }));

/** Splits at most every `limit` code units without cutting a surrogate pair in two. */
export const splitUtf16 = (text: string, limit: number): string[] => {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
};

/**
 * A relayed text: header and text in one message when they fit in 4096, else the header alone and the text (as
 * Telegram delivered it, so at most 4096) in a second message, its formatting kept.
 */
export const relayTextParts = (header: string, text: string, entities?: readonly MessageEntity[]): readonly FormattedPart[] => {
  const prefix = `${header}\n`;
  if (prefix.length + text.length <= TEXT_LIMIT) {
    return [{ text: `${prefix}${text}`, entities: [bold(header), ...shifted(entities, prefix.length)] }];
  }
  const pieces = splitUtf16(text, TEXT_LIMIT);
  // Entities only survive when the text stayed in one piece (always, for text Telegram itself delivered).
  return [
    { text: splitUtf16(header, TEXT_LIMIT)[0]!, entities: [bold(header.slice(0, TEXT_LIMIT))] },
    ...pieces.map((piece) => ({ text: piece, entities: pieces.length === 1 ? shifted(entities, 0) : [] })),
  ];
};

/**
 * The caption of a copied photo, video, voice message, audio or file: the header, then the original caption. Null
 * when both do not fit in 1024: then the header goes as its own message and the copy keeps its original caption.
 */
export const relayCaption = (header: string, caption: string | undefined, entities?: readonly MessageEntity[]): FormattedPart | null => {
  if (caption === undefined || caption === '') return header.length <= CAPTION_LIMIT ? { text: header, entities: [bold(header)] } : null;
  const prefix = `${header}\n`;
  if (prefix.length + caption.length > CAPTION_LIMIT) return null;
  return { text: `${prefix}${caption}`, entities: [bold(header), ...shifted(entities, prefix.length)] };
};

/** A short, single-line excerpt of a replied-to text for the header. */
export const excerptOf = (text: string, max = EXCERPT_MAX_CHARACTERS): string => truncateGraphemes(text.replace(/\s+/gu, ' ').trim(), max);

/**
 * The text of a replied-to message as the user saw it: a message the bot relayed starts with its own header line
 * ("💬 Name", maybe a reply line), which is not part of what the partner wrote, so it is left out.
 */
export const repliedText = (message: { readonly text?: string; readonly caption?: string; readonly from?: { readonly is_bot: boolean } }, headerMark: string): string => {
  const text = message.text ?? message.caption ?? '';
  if (message.from?.is_bot !== true || !text.startsWith(headerMark)) return text;
  const lines = text.split('\n');
  let skip = 1;
  if (lines[1]?.startsWith('↩') === true) skip = 2;
  return lines.slice(skip).join('\n');
};
