// Inline keyboards of the admin screens. Items are named by their sender's id and the event's stream version (the
// read models' keys) plus the list position to return to; everything stays well under 64 bytes (callbackData
// throws otherwise).
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { REPORT_REASONS, type ReportReason } from '../../../../../domain/user/index.js';
import type { FeedbackItem, ReportItem } from '../../../ports/index.js';
import { callbackData } from '../../callbackData.js';

type T = (key: string, args?: Record<string, string | number>) => string;

const pager = (t: T, action: 'fb' | 'rp', index: number, total: number): InlineKeyboardButton[] => [
  ...(index > 0 ? [{ text: t('admin-button-prev'), callback_data: callbackData('ad', action, index - 1) }] : []),
  ...(index + 1 < total ? [{ text: t('admin-button-next'), callback_data: callbackData('ad', action, index + 1) }] : []),
];

const rows = (...lines: InlineKeyboardButton[][]): InlineKeyboardMarkup => ({ inline_keyboard: lines.filter((line) => line.length > 0) });

export const feedbackKeyboard = (t: T, item: FeedbackItem, index: number, total: number): InlineKeyboardMarkup =>
  rows(
    [
      ...(item.status === 'new' ? [{ text: t('admin-button-processed'), callback_data: callbackData('ad', 'fbp', item.sender, item.version, index) }] : []),
      ...(item.status !== 'archived' ? [{ text: t('admin-button-archive'), callback_data: callbackData('ad', 'fba', item.sender, item.version, index) }] : []),
    ],
    pager(t, 'fb', index, total),
  );

export const reasonIndex = (reason: ReportReason): number => REPORT_REASONS.indexOf(reason);
export const reasonAt = (index: string | undefined): ReportReason | undefined => REPORT_REASONS[Number(index)];

/** Ban while the target is not banned, unban once they are; dismiss while the report is open. */
export const reportKeyboard = (t: T, item: ReportItem, index: number, total: number): InlineKeyboardMarkup => {
  const args = [item.reporter, item.version, item.target, reasonIndex(item.reason), index] as const;
  const banned = item.targetStatus === 'banned';
  return rows(
    [
      ...(item.status === 'open' ? [{ text: t('admin-button-dismiss'), callback_data: callbackData('ad', 'rpd', ...args) }] : []),
      ...(item.targetStatus === null
        ? []
        : banned
          ? [{ text: t('admin-button-unban'), callback_data: callbackData('ad', 'rpu', ...args) }]
          : [{ text: t('admin-button-ban'), callback_data: callbackData('ad', 'rpb', ...args) }]),
    ],
    pager(t, 'rp', index, total),
  );
};

export const broadcastKeyboard = (t: T): InlineKeyboardMarkup => ({
  inline_keyboard: [[
    { text: t('admin-button-confirm'), callback_data: callbackData('ad', 'bc', 'yes') },
    { text: t('admin-button-cancel'), callback_data: callbackData('ad', 'bc', 'no') },
  ]],
});
