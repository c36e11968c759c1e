// Passing one message of the user to their partner's chat. The sender's own actor makes the calls (captured into its
// outbox): sendMessage for text, copyMessage for media (no "forwarded from" line, so nothing of the sender's account
// shows), with the header as the caption where the type has one, else as a message right before it.
import type { Message } from 'grammy/types';
import type { BotContext } from '../../context.js';
import { displayName } from '../../cards/displayName.js';
import { excerptOf, relayCaption, relayHeader, relayTextParts, repliedText } from './format.js';

/** Message kinds the relay passes on; anything else (contacts, locations, polls…) is refused with a notice. */
const CAPTIONED = ['photo', 'video', 'animation', 'document', 'audio', 'voice'] as const;
const UNCAPTIONED = ['sticker', 'video_note'] as const;

export type RelayKind = 'text' | (typeof CAPTIONED)[number] | (typeof UNCAPTIONED)[number];

export const relayKindOf = (message: Message): RelayKind | null => {
  if (typeof message.text === 'string') return 'text';
  // A shared contact card carries a phone number: never passed on, whoever it belongs to.
  if (message.contact !== undefined) return null;
  for (const kind of CAPTIONED) if (message[kind] !== undefined) return kind;
  for (const kind of UNCAPTIONED) if (message[kind] !== undefined) return kind;
  return null;
};

/** The first line of every header, for recognising relayed messages when the user replies to one. */
export const headerMark = (ctx: BotContext): string => ctx.t('relay-header', { name: '' }).trim();

const headerFor = (ctx: BotContext, message: Message | null): string => {
  const name = ctx.t('relay-header', { name: displayName(ctx.actor.state.profile.firstName ?? ctx.from?.first_name ?? null, ctx.t('tandem-name-missing')) });
  const replied = message?.reply_to_message;
  if (replied === undefined) return relayHeader(name, null);
  const text = repliedText(replied, headerMark(ctx));
  return relayHeader(name, text.trim() === '' ? ctx.t('relay-reply-media') : ctx.t('relay-reply', { excerpt: excerptOf(text) }));
};

/**
 * Relays the user's message `messageId` to `partnerId`. `message` is the update's message when relaying it as it
 * arrives; null when relaying a message chosen later (after "who is this for?"), which is copied as is.
 */
export const relayMessage = async (ctx: BotContext, partnerId: number, messageId: number, message: Message | null): Promise<void> => {
  const fromChat = ctx.from?.id ?? Number(ctx.actor.userId);
  const header = headerFor(ctx, message);
  const kind = message === null ? null : relayKindOf(message);
  if (message !== null && kind === 'text') {
    for (const part of relayTextParts(header, message.text ?? '', message.entities)) {
      await ctx.api.sendMessage(partnerId, part.text, { entities: [...part.entities] });
    }
    return;
  }
  const caption = message !== null && kind !== null && (CAPTIONED as readonly string[]).includes(kind) ? relayCaption(header, message.caption, message.caption_entities) : null;
  if (caption === null) {
    await ctx.api.sendMessage(partnerId, header, { entities: [{ type: 'bold', offset: 0, length: header.length }] });
    await ctx.api.copyMessage(partnerId, fromChat, messageId);
    return;
  }
  await ctx.api.copyMessage(partnerId, fromChat, messageId, { caption: caption.text, caption_entities: [...caption.entities] });
};
