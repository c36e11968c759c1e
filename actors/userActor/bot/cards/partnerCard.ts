// Another user's card as one viewer sees it: name, languages with levels, interests (primary first), the hours both
// are free shown in the viewer's own time zone, how they like to practise, their bio, and why they match. Used by
// /find, by request cards and by the accepted partner's card, so it depends on nothing but its arguments.
// Plain text (no parse mode): names and bios need no escaping, and the result always fits one Telegram message.
import {
  commonHours,
  formatLocalHour,
  toUtcWeekHours,
  weekHoursToLocal,
  WEEKDAYS,
  type LocalRange,
  type Weekday,
} from '../../../../domain/availability/index.js';
import {
  communicationStyleKey,
  frequencyKey,
  interestKey,
  isLocale,
  scorePartArgs,
  scorePartKey,
  weekdayShortKey,
  type Locale,
} from '../../../../domain/i18n/index.js';
import { languageName } from '../../../../domain/languages/index.js';
import { candidateFromState, scoreCandidate, type MatchScore } from '../../../../domain/matching/index.js';
import type { UserState } from '../../../../domain/user/index.js';
import type { PartnerCard } from '../../ports/userDirectory.js';
import type { Translate } from '../../reactions/reaction.js';
import { zoneName } from '../handlers/onboarding/timeZoneInput.js';
import { candidateFromCard } from './candidateFromCard.js';
import { displayName, truncateToUnits } from './displayName.js';

export const MESSAGE_MAX_CHARACTERS = 4096;

export interface PartnerCardView {
  readonly card: PartnerCard;
  /** The person looking at the card: their time zone and languages shape the overlap and the explanation. */
  readonly viewer: UserState;
  /** The viewer's interface language (language names). */
  readonly locale: string;
  readonly t: Translate;
  readonly now: Date;
  /**
   * Why this match: the ranked score from /find; omitted, it is computed from the viewer's state and the card; null
   * hides the section.
   */
  readonly score?: MatchScore | null;
  /** Show the @username (only once a tandem is on and the partner shares it). */
  readonly showUsername?: boolean;
  /** A line above the card, e.g. "X would like to practise with you". */
  readonly heading?: string;
}

const localeOf = (locale: string): Locale => (isLocale(locale) ? locale : 'en');

/**
 * The card's name as the catalog's name argument elsewhere (request notices, /requests, relay): cleaned and isolated;
 * when nothing printable is left, a stand-in that reads as a name in those sentences (tandem-name-missing).
 */
export const partnerName = (card: { readonly firstName: string | null }, t: Translate): string => displayName(card.firstName, t('tandem-name-missing'));

const overlapLines = (view: PartnerCardView): readonly string[] => {
  const mine = view.viewer.profile.availability;
  const theirs = view.card.availability;
  if (mine === null || theirs === null) return [];
  const common = commonHours(toUtcWeekHours(mine, view.now), toUtcWeekHours(theirs, view.now));
  if (common.length === 0) return [view.t('card-overlap-none')];
  const lines = groupedRanges(weekHoursToLocal(common, mine.timeZone, view.now)).map(({ days, from, to }) =>
    view.t('availability-range', { day: dayLabel(days, view.t), from: formatLocalHour(from), to: formatLocalHour(to) }),
  );
  return [view.t('card-overlap', { hours: common.length, timeZone: zoneName(mine.timeZone, view.now) }), ...lines.map((line) => `  ${line}`)];
};

/** Days sharing the same hours fold into one line ("Mon–Fri 18:00–21:00"), so a regular week reads in a line or two. */
const groupedRanges = (ranges: readonly LocalRange[]): readonly { days: readonly Weekday[]; from: number; to: number }[] => {
  const byDay = new Map<Weekday, LocalRange[]>();
  for (const range of ranges) byDay.set(range.day, [...(byDay.get(range.day) ?? []), range]);
  const groups = new Map<string, { days: Weekday[]; ranges: readonly LocalRange[] }>();
  for (const day of WEEKDAYS) {
    const own = byDay.get(day);
    if (own === undefined) continue;
    const key = own.map((range) => `${range.from}-${range.to}`).join(',');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { days: [day], ranges: own });
    else group.days.push(day);
  }
  return [...groups.values()].flatMap((group) => group.ranges.map((range) => ({ days: group.days, from: range.from, to: range.to })));
};

/** Runs of consecutive days as "Mon–Wed", others listed: "Mon–Wed, Sat". */
const dayLabel = (days: readonly Weekday[], t: Translate): string => {
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run !== undefined && last !== undefined && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(last) + 1) run.push(day);
    else runs.push([day]);
  }
  const short = (day: Weekday): string => t(weekdayShortKey(day));
  return runs
    .map((run) => (run.length === 1 ? short(run[0]!) : run.length === 2 ? `${short(run[0]!)}, ${short(run[1]!)}` : `${short(run[0]!)}–${short(run.at(-1)!)}`))
    .join(', ');
};

const whyLines = (view: PartnerCardView, locale: Locale): readonly string[] => {
  if (view.score === null) return [];
  const score = view.score ?? scoreOf(view);
  if (score === null) return [];
  const parts = score.parts.filter((part) => part.points !== 0);
  if (parts.length === 0) return [];
  return [view.t('card-why'), ...parts.map((part) => `• ${view.t(scorePartKey(part.code), scorePartArgs(part, locale))}`)];
};

const scoreOf = (view: PartnerCardView): MatchScore | null => {
  const viewer = candidateFromState(view.viewer, view.now);
  return viewer === null ? null : scoreCandidate(viewer, candidateFromCard(view.card, view.now), view.now);
};

const list = (items: readonly string[]): string => items.join(', ');

/** The card's lines before and after the bio, so the bio alone is cut when the whole would not fit. */
const sections = (view: PartnerCardView): { readonly head: readonly string[]; readonly tail: readonly string[] } => {
  const { card, t } = view;
  const locale = localeOf(view.locale);
  const head: string[] = [];
  if (view.heading !== undefined) head.push(view.heading, '');
  // The title stands alone, so a missing name may be a description (card-name-missing, "A language learner").
  head.push(t('card-title', { name: displayName(card.firstName, t('card-name-missing')) }));
  if (view.showUsername === true && card.username !== null) head.push(t('card-username', { username: card.username }));
  if (card.native.length > 0) head.push(t('card-native', { languages: list(card.native.map((code) => languageName(code, locale))) }));
  if (card.learning.length > 0)
    head.push(
      t('card-learning', {
        languages: list(card.learning.map((skill) => t('card-language-level', { language: languageName(skill.code, locale), level: skill.level }))),
      }),
    );
  if (card.interests.length > 0) {
    const primary = card.primaryInterests.filter((id) => card.interests.includes(id));
    const others = card.interests.filter((id) => !primary.includes(id));
    const labels = [...primary.map((id) => `${t(interestKey(id))} ⭐`), ...others.map((id) => t(interestKey(id)))];
    head.push(t('card-interests', { interests: list(labels) }));
  }
  head.push(...overlapLines(view));
  if (card.styles.length > 0) head.push(t('card-styles', { styles: list(card.styles.map((style) => t(communicationStyleKey(style)))) }));
  if (card.frequency !== null) head.push(t('card-frequency', { frequency: t(frequencyKey(card.frequency)) }));
  const why = whyLines(view, locale);
  return { head, tail: why.length > 0 ? ['', ...why] : [] };
};

const join = (lines: readonly string[]): string => lines.join('\n');

/** The card as one message text, at most 4096 characters: the bio is shortened first, then the whole text. */
export const renderPartnerCard = (view: PartnerCardView): string => {
  const { head, tail } = sections(view);
  const bio = view.card.bio.trim();
  const withoutBio = join([...head, ...tail]);
  if (bio === '') return fit(withoutBio);
  const full = join([...head, view.t('card-bio', { bio }), ...tail]);
  if (full.length <= MESSAGE_MAX_CHARACTERS) return full;
  // Room left for the bio once everything else is in place (the label's own length included).
  const room = MESSAGE_MAX_CHARACTERS - (full.length - bio.length);
  if (room < 16) return fit(withoutBio);
  return fit(join([...head, view.t('card-bio', { bio: truncateToUnits(bio, room) }), ...tail]));
};

const fit = (text: string): string => truncateToUnits(text, MESSAGE_MAX_CHARACTERS);
