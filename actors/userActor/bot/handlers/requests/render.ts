// The messages of the request and tandem lifecycle as Bot API payloads (text, keyboard), built once and sent by
// either side: handlers (the user pressed something) and reactions (a peer's command or a timer). Text stays plain
// (no parse mode), so names and bios need no escaping.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { declineReasonKey } from '../../../../../domain/i18n/index.js';
import { DECLINE_REASONS, RATING_MAX, RATING_MIN, type TandemChannel } from '../../../../../domain/tandem/index.js';
import type { Translate } from '../../../reactions/reaction.js';
import { callbackData } from '../../callbackData.js';
import { partnerCardText, type CardViewer } from './partnerCardText.js';
import type { Peer } from './peerNames.js';
import { encodeRequestId } from './requestIds.js';

export interface MessagePayload {
  readonly text: string;
  readonly reply_markup?: InlineKeyboardMarkup;
  readonly link_preview_options?: { readonly is_disabled: boolean };
}

const TEXT_LIMIT = 4096;

/** Keeps a composed text within Telegram's limit (cards carry user-written bios). */
export const fitText = (text: string): string => (text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 1)}…`);

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });

/** Block / Report under every card of a peer ('sf' is the safety feature's prefix; `ref` names the peer, bot/peerRef.ts). */
export const safetyRow = (t: Translate, ref: string): InlineKeyboardButton[] => [
  button(t('tandem-button-block'), callbackData('sf', 'block', ref)),
  button(t('tandem-button-report'), callbackData('sf', 'report', ref)),
];

export const requestCardKeyboard = (t: Translate, requestId: string, ref: string): InlineKeyboardMarkup => ({
  inline_keyboard: [
    [button(t('button-accept'), callbackData('rq', 'accept', encodeRequestId(requestId))), button(t('button-decline'), callbackData('rq', 'decline', encodeRequestId(requestId)))],
    safetyRow(t, ref),
  ],
});

/** The target's card of an incoming request. */
export const requestCard = (peer: Peer, viewer: CardViewer, requestId: string): MessagePayload => ({
  text: fitText(partnerCardText(peer, viewer, viewer.t('request-received', { name: peer.name }), true)),
  reply_markup: requestCardKeyboard(viewer.t, requestId, viewer.ref(peer.id)),
});

export const declineReasonsKeyboard = (t: Translate, requestId: string): InlineKeyboardMarkup => {
  const id = encodeRequestId(requestId);
  return {
    inline_keyboard: [
      ...DECLINE_REASONS.map((reason) => [button(t(declineReasonKey(reason)), callbackData('rq', 'dr', id, reason))]),
      [button(t('tandem-decline-no-reason'), callbackData('rq', 'dr', id, 'none'))],
      [button(t('button-back'), callbackData('rq', 'back', id))],
    ],
  };
};

/** The messages that open a tandem on one side: the partner's card, then how to reach them. */
export const tandemStartMessages = (peer: Peer, viewer: CardViewer, channel: TandemChannel, intro: string | null): readonly MessagePayload[] => {
  const { t } = viewer;
  const card: MessagePayload = {
    text: fitText(partnerCardText(peer, viewer, intro, false)),
    reply_markup: { inline_keyboard: [safetyRow(t, viewer.ref(peer.id))] },
  };
  if (channel === 'relay') return [card, { text: `${t('tandem-started', { name: peer.name })}\n\n${t('tandem-relay-howto', { name: peer.name })}` }];
  const username = peer.card?.username ?? null;
  if (username === null) return [card, { text: t('tandem-started-contact-unknown', { name: peer.name }) }];
  return [
    card,
    {
      text: t('tandem-started-contact', { name: peer.name, contact: `@${username}` }),
      reply_markup: { inline_keyboard: [[{ text: t('tandem-button-open-chat', { name: peer.name }), url: `https://t.me/${username}` }]] },
    },
  ];
};

/** "How was it? 1–5" under the end notice. */
export const ratePrompt = (peer: Peer, t: Translate, requestId: string, notice: string): MessagePayload => {
  const id = encodeRequestId(requestId);
  const stars: InlineKeyboardButton[] = [];
  for (let rating = RATING_MIN; rating <= RATING_MAX; rating += 1) stars.push(button(`${rating} ★`, callbackData('tn', 'rate', id, rating)));
  return { text: `${notice}\n\n${t('rate-partner', { name: peer.name })}`, reply_markup: { inline_keyboard: [stars] } };
};

export const skipCommentKeyboard = (t: Translate, requestId: string): InlineKeyboardMarkup => ({
  inline_keyboard: [[button(t('button-skip'), callbackData('tn', 'skip', encodeRequestId(requestId)))]],
});

export const stars = (rating: number): string => '★'.repeat(rating) + '☆'.repeat(RATING_MAX - rating);
