// The inline keyboards of the safety flows. Peers travel as references in the callback data (sf:<action>:<ref>
// [:<reason>], bot/peerRef.ts — never a Telegram id): 16 characters, so every payload stays far below 64 bytes.
import type { InlineKeyboardMarkup } from 'grammy/types';
import { REPORT_REASONS, type ReportReason } from '../../../../../domain/user/index.js';
import { reportReasonKey } from '../../../../../domain/i18n/index.js';
import { callbackData } from '../../callbackData.js';

type T = (key: string, args?: Record<string, string | number>) => string;

export interface NamedPeer {
  readonly id: string;
  readonly name: string;
}

/** Telegram allows 100 buttons; a picker longer than this would be unreadable anyway. */
export const MAX_PEER_BUTTONS = 30;

export const blockConfirmKeyboard = (t: T, peer: string): InlineKeyboardMarkup => ({
  inline_keyboard: [[
    { text: t('safety-button-block'), callback_data: callbackData('sf', 'block-yes', peer) },
    { text: t('safety-button-cancel'), callback_data: callbackData('sf', 'block-no', peer) },
  ]],
});

export const reportReasonKeyboard = (t: T, peer: string): InlineKeyboardMarkup => ({
  inline_keyboard: [
    ...REPORT_REASONS.map((reason) => [{ text: t(reportReasonKey(reason)), callback_data: callbackData('sf', 'reason', peer, reason) }]),
    [{ text: t('safety-button-cancel'), callback_data: callbackData('sf', 'report-no') }],
  ],
});

export const reportCommentKeyboard = (t: T): InlineKeyboardMarkup => ({
  inline_keyboard: [[
    { text: t('button-skip'), callback_data: callbackData('sf', 'skip') },
    { text: t('safety-button-cancel'), callback_data: callbackData('sf', 'report-no') },
  ]],
});

/** One button per peer: which partner a /block or /report means, or whom /unblock frees (edited in place). */
export const peerPickerKeyboard = (action: 'block-pick' | 'report-pick' | 'unblock', peers: readonly NamedPeer[]): InlineKeyboardMarkup => ({
  inline_keyboard: peers.slice(0, MAX_PEER_BUTTONS).map((peer) => [{ text: peer.name, callback_data: callbackData('sf', action, peer.id) }]),
});

export const isReportReason = (value: string | undefined): value is ReportReason => REPORT_REASONS.includes(value as ReportReason);
