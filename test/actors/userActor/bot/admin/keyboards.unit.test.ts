// The admin keyboards: the buttons an item's state allows, Prev/Next at the list's ends, payloads within 64 bytes.
import { I18n } from '@grammyjs/i18n';
import { describe, expect, it } from 'vitest';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { broadcastKeyboard, feedbackKeyboard, reasonAt, reportKeyboard } from '../../../../../actors/userActor/bot/handlers/admin/keyboards.js';
import { statsText } from '../../../../../actors/userActor/bot/handlers/admin/stats.js';
import type { AdminStats, FeedbackItem, ReportItem } from '../../../../../actors/userActor/ports/index.js';
import { LOCALES_DIR } from '../../../../domain/i18n/catalog.js';

const t = (key: string, args?: Record<string, string | number>): string => (args === undefined ? `<${key}>` : `<${key} ${JSON.stringify(args)}>`);
const LONGEST_ID = '9999999999999999';
const data = (keyboard: InlineKeyboardMarkup): string[] => keyboard.inline_keyboard.flat().map((button) => ('callback_data' in button ? button.callback_data ?? '' : ''));
const labels = (keyboard: InlineKeyboardMarkup): string[] => keyboard.inline_keyboard.flat().map((button) => button.text);

const feedback: FeedbackItem = { sender: LONGEST_ID, version: 123_456, senderName: 'Ann', text: 'hi', sentAt: '2026-11-26T04:30:00.000Z', status: 'new' };
const report: ReportItem = {
  reporter: LONGEST_ID,
  version: 123_456,
  reporterName: 'Rita',
  target: '8888888888888888',
  targetName: 'Sam',
  targetStatus: 'active',
  reason: 'fake_profile',
  comment: null,
  reportedAt: '2026-11-26T04:30:00.000Z',
  status: 'open',
};

describe('admin keyboards', () => {
  it('feedback: processed and archive while new, pager only where there is more', () => {
    expect(labels(feedbackKeyboard(t, feedback, 0, 1))).toEqual(['<admin-button-processed>', '<admin-button-archive>']);
    expect(labels(feedbackKeyboard(t, feedback, 0, 3))).toContain('<admin-button-next>');
    expect(labels(feedbackKeyboard(t, feedback, 2, 3))).toContain('<admin-button-prev>');
    expect(labels(feedbackKeyboard(t, { ...feedback, status: 'processed' }, 1, 3))).toEqual(['<admin-button-archive>', '<admin-button-prev>', '<admin-button-next>']);
    expect(data(feedbackKeyboard(t, feedback, 9_999, 10_000))[0]).toBe(`ad:fbp:${LONGEST_ID}:123456:9999`);
  });

  it('reports: dismiss while open, ban or unban by the target status, within 64 bytes', () => {
    expect(labels(reportKeyboard(t, report, 0, 1))).toEqual(['<admin-button-dismiss>', '<admin-button-ban>']);
    expect(labels(reportKeyboard(t, { ...report, status: 'banned', targetStatus: 'banned' }, 0, 1))).toEqual(['<admin-button-unban>']);
    expect(labels(reportKeyboard(t, { ...report, targetStatus: null }, 0, 1))).toEqual(['<admin-button-dismiss>']);
    const payloads = data(reportKeyboard(t, report, 9_999, 10_000));
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
    const [, , reporter, version, target, reason] = payloads[1]!.split(':');
    expect([reporter, version, target, reasonAt(reason)]).toEqual([LONGEST_ID, '123456', '8888888888888888', 'fake_profile']);
  });

  it('broadcast: confirm or cancel', () => {
    expect(data(broadcastKeyboard(t))).toEqual(['ad:bc:yes', 'ad:bc:no']);
  });

  const stats: AdminStats = {
    usersTotal: 10,
    usersActive24h: 4,
    usersActive7d: 7,
    newUsersToday: 2,
    profilesCompleted: 5,
    requestsToday: 3,
    matchesToday: 1,
    matchAcceptanceRate: 0.5,
    topLanguagePairs: [
      { learningLanguage: 'ru', nativeLanguage: 'sv', demand: 3, supply: 2 },
      { learningLanguage: 'en', nativeLanguage: 'xx', demand: 1, supply: 0 },
    ],
  };

  it('stats: every figure, the top pairs and a rate in percent', () => {
    const text = statsText(t, 'en', stats);
    expect(text).toContain('"total":10');
    expect(text).toContain('"acceptance":"50%"');
    expect(text).toContain('admin-stats-pair');
  });

  it.each([
    { locale: 'en', pairs: ['Russian ← Swedish: 3 / 2', 'English ← xx: 1 / 0'] },
    { locale: 'ru', pairs: ['Русский ← Шведский: 3 / 2', 'Английский ← xx: 1 / 0'] },
  ])('stats: names the languages of a pair in the admin’s language ($locale), an unknown code as it is', ({ locale, pairs }) => {
    const i18n = new I18n({ defaultLocale: 'en', directory: LOCALES_DIR, fluentBundleOptions: { useIsolating: false } });
    const text = statsText((key, args) => i18n.t(locale, key, args), locale, stats);
    expect(text.split('\n').slice(-2)).toEqual(pairs);
  });
});
