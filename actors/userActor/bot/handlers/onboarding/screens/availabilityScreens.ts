// Time zone (common cities with today's offset, a whole list of offsets, typed text or a shared location), days and
// times of day. The time zone stays in the draft until the whole availability is committed at once.
import { DAY_SELECTION_KINDS, TIME_SLOTS, WEEKDAYS, utcOffsetMinutes } from '../../../../../../domain/availability/index.js';
import { daySelectionKey, timeSlotKey, weekdayShortKey } from '../../../../../../domain/i18n/index.js';
import { COMMON_ZONES, OFFSET_CHOICES, formatOffset, zoneLabel } from '../timeZoneInput.js';
import type { Wizard } from '../wizard.js';
import { button, checked, header, lines, navigation, rows, type Screen, type View } from './screen.js';

export const timezoneScreen = (view: View, wizard: Wizard): Screen => {
  const keys = COMMON_ZONES.map(({ key, zone }, index) =>
    button(`${view.t(`ob-city-${key}`)} (${formatOffset(utcOffsetMinutes(zone, view.now))})`, 'timezone', 'z', index),
  );
  const current = wizard.draft.tz === undefined ? null : view.t('ob-tz-current', { zone: zoneLabel(wizard.draft.tz, view.now) });
  return {
    text: lines(header(view, wizard, 4) + view.t('ask-time-zone'), view.t('ob-tz-hint'), current),
    keyboard: [
      ...rows(keys, 2),
      [button(view.t('ob-button-offsets'), 'timezone', 'o'), ...(wizard.draft.tz === undefined ? [] : [button(`${view.t('ob-button-next')} ›`, 'timezone', 'd')])],
      navigation(view, wizard),
    ],
  };
};

export const tzOffsetScreen = (view: View, wizard: Wizard): Screen => ({
  text: view.t('ob-tz-offsets'),
  keyboard: [...rows(OFFSET_CHOICES.map((minutes) => button(formatOffset(minutes), 'tz-offset', 'o', minutes)), 4), navigation(view, wizard)],
});

export const daysScreen = (view: View, wizard: Wizard): Screen => ({
  text: lines(wizard.draft.tz === undefined ? null : view.t('ob-tz-current', { zone: zoneLabel(wizard.draft.tz, view.now) }), view.t('ask-days')),
  keyboard: [...rows(DAY_SELECTION_KINDS.map((kind) => button(checked(wizard.draft.days === kind, view.t(daySelectionKey(kind))), 'days', 'k', kind)), 2), navigation(view, wizard)],
});

export const daysCustomScreen = (view: View, wizard: Wizard): Screen => ({
  text: view.t('ob-days-custom'),
  keyboard: [
    ...rows(WEEKDAYS.map((day) => button(checked(wizard.draft.dayList.includes(day), view.t(weekdayShortKey(day))), 'days-custom', 't', day)), 4),
    navigation(view, wizard, { next: true }),
  ],
});

export const slotsScreen = (view: View, wizard: Wizard): Screen => ({
  text: view.t('ask-slots'),
  keyboard: [...rows(TIME_SLOTS.map((slot) => button(checked(wizard.draft.slots.includes(slot), view.t(timeSlotKey(slot))), 'slots', 't', slot)), 1), navigation(view, wizard, { next: true })],
});
