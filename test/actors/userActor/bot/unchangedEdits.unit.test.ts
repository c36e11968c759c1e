// An edit of the pressed message that would change nothing is left out (Telegram answers it 400 "message is not
// modified"); anything that changes the text, the caption or a button, or that this check cannot compare, is made.
import { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { changesNothing, skipUnchangedEdits } from '../../../../actors/userActor/bot/unchangedEdits.js';

const keyboard = { inline_keyboard: [[{ text: '🔄 Search again', callback_data: 'fd:again' }], [{ text: 'Site', url: 'https://example.org' }]] };
const shown = { message_id: 7, date: 0, chat: { id: 42, type: 'private', first_name: 'Ann' }, text: 'Nobody fits you right now.', reply_markup: keyboard } as Message;
const edit = (payload: Record<string, unknown>) => ({ chat_id: 42, message_id: 7, text: 'Nobody fits you right now.', reply_markup: keyboard, ...payload });

describe('unchanged edits', () => {
  it('recognise an edit that leaves text and buttons as they are, whatever form the keyboard takes', () => {
    expect(changesNothing('editMessageText', edit({}), shown)).toBe(true);
    const built = new InlineKeyboard().text('🔄 Search again', 'fd:again').row().url('Site', 'https://example.org');
    expect(changesNothing('editMessageText', edit({ reply_markup: built, chat_id: '42' }), shown)).toBe(true);
    expect(changesNothing('editMessageReplyMarkup', { chat_id: 42, message_id: 7, reply_markup: keyboard }, shown)).toBe(true);
    // No keyboard and an empty one are the same to Telegram.
    const bare = { message_id: 7, date: 0, chat: shown.chat, text: shown.text } as Message;
    expect(changesNothing('editMessageText', edit({ reply_markup: { inline_keyboard: [] } }), bare)).toBe(true);
  });

  it('let every real change through', () => {
    expect(changesNothing('editMessageText', edit({ text: 'Partner 1 of 1' }), shown)).toBe(false);
    expect(changesNothing('editMessageText', edit({ reply_markup: { inline_keyboard: [[{ text: '🔄 Search again', callback_data: 'fd:notify' }]] } }), shown)).toBe(false);
    expect(changesNothing('editMessageText', edit({ reply_markup: undefined }), shown)).toBe(false);
    expect(changesNothing('editMessageText', edit({ message_id: 8 }), shown)).toBe(false);
    expect(changesNothing('editMessageText', edit({ chat_id: 43 }), shown)).toBe(false);
    expect(changesNothing('editMessageCaption', { chat_id: 42, message_id: 7, caption: 'new', reply_markup: keyboard }, shown)).toBe(false);
    // Formatted text is not compared (what Telegram shows is the text after parsing), nor inline messages.
    expect(changesNothing('editMessageText', edit({ parse_mode: 'HTML' }), shown)).toBe(false);
    expect(changesNothing('editMessageText', { inline_message_id: 'x', text: shown.text }, shown)).toBe(false);
    // Only edits: the same text sent again is a new message.
    expect(changesNothing('sendMessage', edit({}), shown)).toBe(false);
  });

  it('answer a left-out edit as Telegram answers a done one, and call through for the rest', async () => {
    const made: string[] = [];
    let skipped = 0;
    const transformer = skipUnchangedEdits(shown, () => (skipped += 1));
    const previous = async (method: string) => {
      made.push(method);
      return { ok: true as const, result: true as never };
    };
    await expect(transformer(previous as never, 'editMessageText', edit({}) as never)).resolves.toEqual({ ok: true, result: true });
    await transformer(previous as never, 'editMessageText', edit({ text: 'changed' }) as never);
    expect(made).toEqual(['editMessageText']);
    expect(skipped).toBe(1);
  });
});
