// Button presses inside the wizard, one handler per step. Each returns the text of a short notice for the pressed
// button (a limit reached, nothing chosen yet) or undefined; a finished section commits its domain command at once,
// so the progress survives a /cancel, a restart or days of silence.
import { DAY_SELECTION_KINDS, TIME_SLOTS, WEEKDAYS, isTimeSlot, isWeekday, type DaySelection } from '../../../../../domain/availability/index.js';
import { COMMUNICATION_STYLES, isCommunicationStyle, isFrequency } from '../../../../../domain/communication/index.js';
import { MAX_PRIMARY_INTERESTS, isInterestId } from '../../../../../domain/interests/index.js';
import { MAX_LEARNING_LANGUAGES, MAX_NATIVE_LANGUAGES, isCefrLevel, isLanguageCode } from '../../../../../domain/languages/index.js';
import { PROFILE_SECTIONS, isProfileComplete } from '../../../../../domain/user/index.js';
import type { BotContext } from '../../context.js';
import { afterSection, back } from './navigation.js';
import { goTo } from './present.js';
import { isCategory } from './screens/interestScreens.js';
import { COMMON_ZONES, zoneForOffset } from './timeZoneInput.js';
import { enterSection, resumePoint, toggle, type Wizard } from './wizard.js';

type Action = (ctx: BotContext, wizard: Wizard, action: string, arg: string) => Promise<string | undefined>;

const limit = (ctx: BotContext, max: number): string => ctx.t('selection-limit', { max });

const native: Action = async (ctx, wizard, action, arg) => {
  const chosen = wizard.draft.native;
  if (action === 't' && isLanguageCode(arg)) {
    if (!chosen.includes(arg) && chosen.length >= MAX_NATIVE_LANGUAGES) return limit(ctx, MAX_NATIVE_LANGUAGES);
    if (!chosen.includes(arg) && ctx.actor.state.profile.learningLanguages.some((skill) => skill.code === arg)) return ctx.t('ob-already-learning');
    await goTo(ctx, { ...wizard, draft: { ...wizard.draft, native: toggle(chosen, arg) } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    if (chosen.length === 0) return ctx.t('ob-choose-one');
    ctx.actor.decide({ type: 'SetNativeLanguages', data: { languages: chosen.filter(isLanguageCode) } });
    await afterSection(ctx, wizard, 'nativeLanguages', 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const learning: Action = async (ctx, wizard, action, arg) => {
  const chosen = wizard.draft.learn;
  if (action === 't' && isLanguageCode(arg)) {
    if (chosen.some((skill) => skill.code === arg)) {
      await goTo(ctx, { ...wizard, draft: { ...wizard.draft, learn: chosen.filter((skill) => skill.code !== arg) } }, 'edit');
      return undefined;
    }
    if (chosen.length >= MAX_LEARNING_LANGUAGES) return limit(ctx, MAX_LEARNING_LANGUAGES);
    if (ctx.actor.state.profile.nativeLanguages.includes(arg)) return ctx.t('ob-already-native');
    await goTo(ctx, { ...wizard, step: 'level', draft: { ...wizard.draft, lang: arg } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    if (chosen.length === 0) return ctx.t('ob-choose-one');
    ctx.actor.decide({ type: 'SetLearningLanguages', data: { languages: chosen } });
    await afterSection(ctx, wizard, 'learningLanguages', 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const level: Action = async (ctx, wizard, action, arg) => {
  const code = wizard.draft.lang;
  if (action === 'l' && isCefrLevel(arg) && code !== undefined && isLanguageCode(code)) {
    const learn = [...wizard.draft.learn.filter((skill) => skill.code !== code), { code, level: arg }];
    const { lang: _done, ...draft } = wizard.draft;
    await goTo(ctx, { ...wizard, step: 'learning', draft: { ...draft, learn } }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const interests: Action = async (ctx, wizard, action, arg) => {
  if (action === 'c' && isCategory(arg)) {
    await goTo(ctx, { ...wizard, step: 'interest-cat', draft: { ...wizard.draft, cat: arg } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    if (wizard.draft.interests.length === 0) return ctx.t('ob-choose-one');
    const primary = wizard.draft.primary.filter((id) => wizard.draft.interests.includes(id));
    await goTo(ctx, { ...wizard, step: 'primary', draft: { ...wizard.draft, primary } }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const interestCategory: Action = async (ctx, wizard, action, arg) => {
  if (action === 't' && isInterestId(arg)) {
    const chosen = toggle(wizard.draft.interests, arg);
    const primary = wizard.draft.primary.filter((id) => chosen.includes(id));
    await goTo(ctx, { ...wizard, draft: { ...wizard.draft, interests: chosen, primary } }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const primary: Action = async (ctx, wizard, action, arg) => {
  const chosen = wizard.draft.primary;
  if (action === 't' && isInterestId(arg) && wizard.draft.interests.includes(arg)) {
    if (!chosen.includes(arg) && chosen.length >= MAX_PRIMARY_INTERESTS) return limit(ctx, MAX_PRIMARY_INTERESTS);
    await goTo(ctx, { ...wizard, draft: { ...wizard.draft, primary: toggle(chosen, arg) } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    ctx.actor.decide({
      type: 'SetInterests',
      data: { interests: wizard.draft.interests.filter(isInterestId), primary: chosen.filter(isInterestId) },
    });
    await afterSection(ctx, wizard, 'interests', 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

/** A zone chosen by button, text or location: on to the days. */
export const chooseZone = async (ctx: BotContext, wizard: Wizard, zone: string, placement: 'edit' | 'send'): Promise<void> =>
  goTo(ctx, { ...wizard, step: 'days', draft: { ...wizard.draft, tz: zone } }, placement);

const timezone: Action = async (ctx, wizard, action, arg) => {
  const common = COMMON_ZONES[Number(arg)];
  if (action === 'z' && common !== undefined) {
    await chooseZone(ctx, wizard, common.zone, 'edit');
    return undefined;
  }
  if (action === 'o') {
    await goTo(ctx, { ...wizard, step: 'tz-offset' }, 'edit');
    return undefined;
  }
  if (action === 'd' && wizard.draft.tz !== undefined) {
    await chooseZone(ctx, wizard, wizard.draft.tz, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const tzOffset: Action = async (ctx, wizard, action, arg) => {
  const zone = action === 'o' && /^-?\d+$/.test(arg) ? zoneForOffset(Number(arg)) : undefined;
  if (zone !== undefined) {
    await chooseZone(ctx, wizard, zone, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const days: Action = async (ctx, wizard, action, arg) => {
  if (action === 'k' && (DAY_SELECTION_KINDS as readonly string[]).includes(arg)) {
    await goTo(ctx, { ...wizard, step: arg === 'days' ? 'days-custom' : 'slots', draft: { ...wizard.draft, days: arg } }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const daysCustom: Action = async (ctx, wizard, action, arg) => {
  if (action === 't' && isWeekday(arg)) {
    const chosen = toggle(wizard.draft.dayList, arg);
    await goTo(ctx, { ...wizard, draft: { ...wizard.draft, dayList: WEEKDAYS.filter((day) => chosen.includes(day)) } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    if (wizard.draft.dayList.length === 0) return ctx.t('ob-choose-one');
    await goTo(ctx, { ...wizard, step: 'slots' }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const daySelection = (wizard: Wizard): DaySelection | undefined => {
  switch (wizard.draft.days) {
    case 'weekdays':
    case 'weekends':
    case 'any':
      return { kind: wizard.draft.days };
    case 'days':
      return { kind: 'days', days: wizard.draft.dayList.filter(isWeekday) };
    default:
      return undefined;
  }
};

const slots: Action = async (ctx, wizard, action, arg) => {
  if (action === 't' && isTimeSlot(arg)) {
    const chosen = toggle(wizard.draft.slots, arg);
    await goTo(ctx, { ...wizard, draft: { ...wizard.draft, slots: TIME_SLOTS.filter((slot) => chosen.includes(slot)) } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    const selection = daySelection(wizard);
    const timeZone = wizard.draft.tz;
    if (wizard.draft.slots.length === 0) return ctx.t('ob-choose-one');
    if (selection === undefined || timeZone === undefined) {
      await goTo(ctx, { ...wizard, step: 'timezone' }, 'edit');
      return undefined;
    }
    ctx.actor.decide({ type: 'SetAvailability', data: { availability: { timeZone, days: selection, slots: wizard.draft.slots.filter(isTimeSlot) } } });
    await afterSection(ctx, wizard, 'availability', 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const styles: Action = async (ctx, wizard, action, arg) => {
  if (action === 't' && isCommunicationStyle(arg)) {
    const chosen = toggle(wizard.draft.styles, arg);
    await goTo(ctx, { ...wizard, draft: { ...wizard.draft, styles: COMMUNICATION_STYLES.filter((style) => chosen.includes(style)) } }, 'edit');
    return undefined;
  }
  if (action === 'd') {
    if (wizard.draft.styles.length === 0) return ctx.t('ob-choose-one');
    await goTo(ctx, { ...wizard, step: 'frequency' }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const frequency: Action = async (ctx, wizard, action, arg) => {
  if (action === 'f' && isFrequency(arg)) {
    ctx.actor.decide({ type: 'SetCommunication', data: { styles: wizard.draft.styles.filter(isCommunicationStyle), frequency: arg } });
    await afterSection(ctx, wizard, 'communication', 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const bio: Action = async (ctx, wizard, action) => {
  if (action === 's') {
    await afterSection(ctx, wizard, 'bio', 'edit');
    return undefined;
  }
  if (action === 'r') {
    ctx.actor.decide({ type: 'SetBio', data: { bio: '' } });
    await afterSection(ctx, wizard, 'bio', 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const review: Action = async (ctx, wizard, action) => {
  if (action === 'c') {
    const profile = ctx.actor.state.profile;
    if (!isProfileComplete(profile)) {
      await goTo(ctx, resumePoint(profile), 'edit', ctx.t('ob-review-incomplete'));
      return undefined;
    }
    ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
    await ctx.editMessageText(ctx.t('profile-complete'));
    return undefined;
  }
  if (action === 'e') {
    await goTo(ctx, { ...wizard, step: 'review-edit' }, 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

const reviewEdit: Action = async (ctx, wizard, action, arg) => {
  const section = PROFILE_SECTIONS.find((candidate) => candidate === arg);
  if (action === 's' && section !== undefined) {
    await goTo(ctx, enterSection('onboarding', section, ctx.actor.state.profile, 'review'), 'edit');
    return undefined;
  }
  if (action === 'b') return back(ctx, wizard);
  return undefined;
};

export const STEP_ACTIONS: Readonly<Record<Wizard['step'], Action>> = {
  native,
  learning,
  level,
  interests,
  'interest-cat': interestCategory,
  primary,
  timezone,
  'tz-offset': tzOffset,
  days,
  'days-custom': daysCustom,
  slots,
  styles,
  frequency,
  bio,
  review,
  'review-edit': reviewEdit,
};

