// The safety keyboards: every button within Telegram's limits, every report reason offered, pickers bounded.
import { describe, expect, it } from 'vitest';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { blockConfirmKeyboard, MAX_PEER_BUTTONS, peerPickerKeyboard, reportCommentKeyboard, reportReasonKeyboard } from '../../../../../actors/userActor/bot/handlers/safety/keyboards.js';
import { REPORT_REASONS } from '../../../../../domain/user/index.js';

const t = (key: string): string => `<${key}>`;
const LONGEST_ID = '9999999999999999';
const data = (keyboard: InlineKeyboardMarkup): string[] => keyboard.inline_keyboard.flat().map((button) => ('callback_data' in button ? button.callback_data ?? '' : ''));

describe('safety keyboards', () => {
  it('ask before blocking, with the peer in both buttons', () => {
    expect(data(blockConfirmKeyboard(t, LONGEST_ID))).toEqual([`sf:block-yes:${LONGEST_ID}`, `sf:block-no:${LONGEST_ID}`]);
  });

  it('offer every report reason and a cancel, within 64 bytes for the longest id', () => {
    const keyboard = reportReasonKeyboard(t, LONGEST_ID);
    expect(data(keyboard)).toEqual([...REPORT_REASONS.map((reason) => `sf:reason:${LONGEST_ID}:${reason}`), 'sf:report-no']);
    expect(keyboard.inline_keyboard.flat().map((button) => button.text)).toContain('<report-reason-fake_profile>');
    for (const payload of data(keyboard)) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
  });

  it('let a comment be skipped', () => {
    expect(data(reportCommentKeyboard(t))).toEqual(['sf:skip', 'sf:report-no']);
  });

  it('pick among partners with one button each, at most MAX_PEER_BUTTONS', () => {
    const peers = Array.from({ length: 200 }, (_, i) => ({ id: String(1_000 + i), name: `Name ${i} 🌍` }));
    const keyboard = peerPickerKeyboard('report-pick', peers);
    expect(keyboard.inline_keyboard).toHaveLength(MAX_PEER_BUTTONS);
    expect(keyboard.inline_keyboard[0]).toEqual([{ text: 'Name 0 🌍', callback_data: 'sf:report-pick:1000' }]);
    expect(data(peerPickerKeyboard('unblock', [{ id: '7', name: 'x' }]))).toEqual(['sf:unblock:7']);
  });
});
