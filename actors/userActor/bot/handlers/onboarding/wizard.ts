// The wizard's conversation state, kept in the user's dialog (domain/dialog): which step is on screen and the draft of
// selections not yet committed. Only codes live here (languages, interests, days…), never typed text. The same steps
// serve the onboarding flow and the editing of one section from /profile; `ret` says where a finished section
// returns to (the review card or the profile card) instead of going on to the next section.
import type { Dialog, DialogValue } from '../../../../../domain/dialog/index.js';
import { CEFR_LEVELS, type LanguageSkill } from '../../../../../domain/languages/index.js';
import { PROFILE_SECTIONS, missingSections, type Profile, type ProfileSection, type UserState } from '../../../../../domain/user/index.js';

export const WIZARD_FLOWS = ['onboarding', 'profile-edit'] as const;
export type WizardFlow = (typeof WIZARD_FLOWS)[number];

export const STEPS = [
  'native', 'learning', 'level', 'interests', 'interest-cat', 'primary', 'timezone', 'tz-offset', 'days', 'days-custom',
  'slots', 'styles', 'frequency', 'bio', 'review', 'review-edit',
] as const;
export type Step = (typeof STEPS)[number];

export type ReturnTo = 'review' | 'card';

export interface Draft {
  readonly native: readonly string[];
  /** Languages found by a typed search, shown beside the popular ones. */
  readonly found: readonly string[];
  readonly learn: readonly LanguageSkill[];
  /** The language whose level is being asked. */
  readonly lang?: string;
  /** The interest category on screen. */
  readonly cat?: string;
  readonly interests: readonly string[];
  readonly primary: readonly string[];
  readonly tz?: string;
  /** weekdays | weekends | any | days */
  readonly days?: string;
  readonly dayList: readonly string[];
  readonly slots: readonly string[];
  readonly styles: readonly string[];
  readonly ret?: ReturnTo;
  /** The message showing the wizard, once known (a press tells it: sent messages' ids are not known when sent). */
  readonly mid?: number;
}

export interface Wizard {
  readonly flow: WizardFlow;
  readonly step: Step;
  readonly draft: Draft;
}

export const emptyDraft: Draft = { native: [], found: [], learn: [], interests: [], primary: [], dayList: [], slots: [], styles: [] };

const strings = (value: DialogValue | undefined): readonly string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const maybe = (value: DialogValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

const skills = (value: DialogValue | undefined): readonly LanguageSkill[] =>
  Array.isArray(value)
    ? value.flatMap((item) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) return [];
        const { code, level } = item as { readonly [key: string]: DialogValue };
        return typeof code === 'string' && typeof level === 'string' && (CEFR_LEVELS as readonly string[]).includes(level)
          ? [{ code, level } as LanguageSkill]
          : [];
      })
    : [];

const isFlow = (value: string): value is WizardFlow => (WIZARD_FLOWS as readonly string[]).includes(value);
const isStep = (value: string): value is Step => (STEPS as readonly string[]).includes(value);

/** The wizard in the user's dialog, or null when the dialog belongs to another flow (or there is none). */
export const currentWizard = (state: UserState): Wizard | null => {
  const dialog = state.dialog;
  if (dialog === null || !isFlow(dialog.flow) || !isStep(dialog.step)) return null;
  const data = dialog.data;
  const ret = maybe(data.ret);
  return {
    flow: dialog.flow,
    step: dialog.step,
    draft: {
      native: strings(data.native),
      found: strings(data.found),
      learn: skills(data.learn),
      interests: strings(data.interests),
      primary: strings(data.primary),
      dayList: strings(data.dayList),
      slots: strings(data.slots),
      styles: strings(data.styles),
      ...optional('lang', maybe(data.lang)),
      ...optional('cat', maybe(data.cat)),
      ...optional('tz', maybe(data.tz)),
      ...optional('days', maybe(data.days)),
      ...(ret === 'review' || ret === 'card' ? { ret } : {}),
      ...(typeof data.mid === 'number' && Number.isSafeInteger(data.mid) ? { mid: data.mid } : {}),
    },
  };
};

const optional = <K extends string>(key: K, value: string | undefined): { [P in K]?: string } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };

export const toDialog = (wizard: Wizard): Dialog => {
  const data: Record<string, DialogValue> = {};
  for (const [key, value] of Object.entries(wizard.draft)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    data[key] = value as DialogValue;
  }
  return { flow: wizard.flow, step: wizard.step, data };
};

export const ENTRY_STEP: Readonly<Record<ProfileSection, Step>> = {
  nativeLanguages: 'native',
  learningLanguages: 'learning',
  interests: 'interests',
  availability: 'timezone',
  communication: 'styles',
  bio: 'bio',
};

export const sectionOf = (step: Step): ProfileSection | null => {
  switch (step) {
    case 'native':
      return 'nativeLanguages';
    case 'learning':
    case 'level':
      return 'learningLanguages';
    case 'interests':
    case 'interest-cat':
    case 'primary':
      return 'interests';
    case 'timezone':
    case 'tz-offset':
    case 'days':
    case 'days-custom':
    case 'slots':
      return 'availability';
    case 'styles':
    case 'frequency':
      return 'communication';
    case 'bio':
      return 'bio';
    case 'review':
    case 'review-edit':
      return null;
    default: {
      const unknown: never = step;
      throw new TypeError(`unknown step ${String(unknown)}`);
    }
  }
};

/** A draft of one section, starting from what the profile holds (so editing shows the current choices). */
export const prefill = (section: ProfileSection, profile: Profile, draft: Draft): Draft => {
  switch (section) {
    case 'nativeLanguages':
      return { ...draft, native: profile.nativeLanguages, found: [] };
    case 'learningLanguages':
      return { ...draft, learn: profile.learningLanguages, found: [] };
    case 'interests':
      return { ...draft, interests: profile.interests, primary: profile.primaryInterests };
    case 'availability': {
      const availability = profile.availability;
      if (availability === null) return draft;
      const { days } = availability;
      return { ...draft, tz: availability.timeZone, days: days.kind, dayList: days.kind === 'days' ? days.days : [], slots: availability.slots };
    }
    case 'communication':
      return { ...draft, styles: profile.communicationStyles };
    case 'bio':
      return draft;
    default: {
      const unknown: never = section;
      throw new TypeError(`unknown section ${String(unknown)}`);
    }
  }
};

export const enterSection = (flow: WizardFlow, section: ProfileSection, profile: Profile, ret?: ReturnTo): Wizard => ({
  flow,
  step: ENTRY_STEP[section],
  draft: prefill(section, profile, { ...emptyDraft, ...(ret === undefined ? {} : { ret }) }),
});

export const previousSection = (section: ProfileSection): ProfileSection | null => PROFILE_SECTIONS[PROFILE_SECTIONS.indexOf(section) - 1] ?? null;
export const nextSection = (section: ProfileSection): ProfileSection | null => PROFILE_SECTIONS[PROFILE_SECTIONS.indexOf(section) + 1] ?? null;

/** Where onboarding (re)starts: the first section not yet set, else the review. */
export const resumePoint = (profile: Profile): Wizard => {
  const [missing] = missingSections(profile, true);
  return missing === undefined ? { flow: 'onboarding', step: 'review', draft: emptyDraft } : enterSection('onboarding', missing, profile);
};

export const toggle = (items: readonly string[], item: string): readonly string[] =>
  items.includes(item) ? items.filter((other) => other !== item) : [...items, item];
