// Telegram refuses an edit that changes nothing (400 "message is not modified"): pressing "Search again" on a
// screen that would come out the same, or a button whose screen shows what it already shows. The pressed message
// comes with the press, so such an edit of it is not made at all; the handler can tell (`skipped`) and say so.
import type { Transformer } from 'grammy';
import type { Message } from 'grammy/types';

const EDITS = new Set(['editMessageText', 'editMessageCaption', 'editMessageReplyMarkup']);

interface Button {
  readonly text?: unknown;
  readonly callback_data?: unknown;
  readonly url?: unknown;
}

/** The keyboard as Telegram compares it: rows of buttons (label and what they do); none and empty are the same. */
const keyboardOf = (markup: unknown): string => {
  const rows = (markup as { inline_keyboard?: readonly (readonly Button[])[] } | undefined)?.inline_keyboard ?? [];
  return JSON.stringify(rows.map((row) => row.map((button) => [button.text, button.callback_data ?? null, button.url ?? null])));
};

/** True when `payload` would leave the message exactly as `shown` (plain text only: formatted text is not compared). */
export const changesNothing = (method: string, payload: Record<string, unknown>, shown: Message): boolean => {
  if (!EDITS.has(method) || payload.inline_message_id !== undefined) return false;
  if (Number(payload.chat_id) !== shown.chat.id || payload.message_id !== shown.message_id) return false;
  if (payload.parse_mode !== undefined || payload.entities !== undefined || payload.caption_entities !== undefined) return false;
  if (method === 'editMessageText' && payload.text !== shown.text) return false;
  if (method === 'editMessageCaption' && payload.caption !== shown.caption) return false;
  return keyboardOf(payload.reply_markup) === keyboardOf(shown.reply_markup);
};

/** Answers an edit of `shown` that changes nothing as Telegram answers a done one, without making it. */
export const skipUnchangedEdits =
  (shown: Message, onSkipped: () => void): Transformer =>
  (previous, method, payload, signal) => {
    if (!changesNothing(method, payload as Record<string, unknown>, shown)) return previous(method, payload, signal);
    onSkipped();
    return Promise.resolve({ ok: true as const, result: true as never });
  };
