// The user's own profile card: every section (or a dash where it is not set yet) and the completion percent. Shared
// by /profile and the wizard's review. Names are wrapped in Unicode isolates so a right-to-left name does not
// reorder the rest of its line. A section has the emoji it has on a partner's card (card-* in find.ftl).
import { TIME_SLOTS, selectedDays } from '../../../../../domain/availability/index.js';
import { communicationStyleKey, daySelectionKey, frequencyKey, timeSlotKey, weekdayShortKey } from '../../../../../domain/i18n/index.js';
import { isLanguageCode } from '../../../../../domain/languages/index.js';
import { profileCompletion, type Profile, type ProfileSection } from '../../../../../domain/user/index.js';
import type { Translate } from '../../../reactions/reaction.js';
import { interestLabel } from '../onboarding/screens/interestScreens.js';
import { languageLabel } from '../onboarding/screens/languageScreens.js';
import { zoneLabel } from '../onboarding/timeZoneInput.js';

/** First-strong isolate … pop directional isolate. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Text cut to at most `max` UTF-16 units (what Telegram's 4096 counts) at a character boundary, with an ellipsis when
 * cut: a bio within the domain's 500 characters can still be 5,000 units of emoji sequences.
 */
export const clip = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
};

/** Room for a name and a bio on one card, far below 4096 with every other section at its longest. */
export const NAME_DISPLAY_MAX = 64;
export const BIO_DISPLAY_MAX = 1500;

export const SECTION_LABELS: Readonly<Record<ProfileSection, string>> = {
  nativeLanguages: 'profile-native',
  learningLanguages: 'profile-learning',
  interests: 'profile-interests',
  availability: 'profile-availability',
  communication: 'profile-styles',
  bio: 'profile-bio',
};

const DASH = '—';

const orDash = (items: readonly string[]): string => (items.length === 0 ? DASH : items.join(', '));

export const availabilityLine = (t: Translate, profile: Profile): string => {
  const availability = profile.availability;
  if (availability === null) return DASH;
  const { days } = availability;
  const dayText =
    days.kind === 'days' ? selectedDays(days).map((day) => t(weekdayShortKey(day))).join(', ') : t(daySelectionKey(days.kind));
  const slots = TIME_SLOTS.filter((slot) => availability.slots.includes(slot)).map((slot) => t(timeSlotKey(slot)));
  return `${dayText} · ${slots.join(', ')}`;
};

export interface CardInput {
  readonly t: Translate;
  readonly locale: string;
  readonly profile: Profile;
  readonly now: Date;
}

export const profileCard = ({ t, locale, profile, now }: CardInput): string => {
  const zone = profile.availability?.timeZone;
  const rows = [
    `👤 ${isolate(clip(profile.firstName ?? DASH, NAME_DISPLAY_MAX))}`,
    '',
    `🗣 ${t('profile-native')}: ${orDash(profile.nativeLanguages.filter(isLanguageCode).map((code) => languageLabel(code, locale)))}`,
    `📚 ${t('profile-learning')}: ${orDash(profile.learningLanguages.filter((s) => isLanguageCode(s.code)).map((s) => `${languageLabel(s.code, locale)} (${s.level})`))}`,
    `✨ ${t('profile-interests')}: ${orDash(profile.interests.map((id) => `${interestLabel({ t }, id)}${profile.primaryInterests.includes(id) ? ' ⭐' : ''}`))}`,
    `📅 ${t('profile-availability')}: ${availabilityLine(t, profile)}`,
    `🌍 ${t('profile-time-zone')}: ${zone === undefined ? DASH : zoneLabel(zone, now)}`,
    `💬 ${t('profile-styles')}: ${orDash(profile.communicationStyles.map((style) => t(communicationStyleKey(style))))}`,
    `🔁 ${t('profile-frequency')}: ${profile.frequency === null ? DASH : t(frequencyKey(profile.frequency))}`,
    `📝 ${t('profile-bio')}: ${profile.bio === '' ? DASH : isolate(clip(profile.bio, BIO_DISPLAY_MAX))}`,
    '',
    t('profile-completion', { percent: profileCompletion(profile) }),
  ];
  return rows.join('\n');
};



