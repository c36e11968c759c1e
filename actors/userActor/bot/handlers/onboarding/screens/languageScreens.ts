// Native and learning languages: the popular ones first, then those found by a typed search and those already
// chosen; a learning language is added through its level screen.
import { CEFR_LEVELS, MAX_LEARNING_LANGUAGES, MAX_NATIVE_LANGUAGES, POPULAR_LANGUAGES, isLanguageCode, languageInfo, languageName, type LanguageCode } from '../../../../../../domain/languages/index.js';
import { levelDescriptionKey, levelKey } from '../../../../../../domain/i18n/index.js';
import type { Wizard } from '../wizard.js';
import { button, checked, header, lines, navigation, rows, type Screen, type View } from './screen.js';

// Flag and name per interface language, made once: the language screens show a score of them on every draw.
const labels = new Map<string, Map<LanguageCode, string>>();
const makeLabel = (code: LanguageCode, locale: string): string => `${languageInfo(code).flag} ${languageName(code, locale)}`;

export const languageLabel = (code: LanguageCode, locale: string): string => {
  let inLocale = labels.get(locale);
  if (inLocale === undefined) {
    // Locales are the catalog's few; bounded all the same.
    if (labels.size >= 16) return makeLabel(code, locale);
    labels.set(locale, (inLocale = new Map()));
  }
  let label = inLocale.get(code);
  if (label === undefined) inLocale.set(code, (label = makeLabel(code, locale)));
  return label;
};

const unique = (codes: readonly string[]): readonly LanguageCode[] => [...new Set(codes)].filter(isLanguageCode);

const selectedLine = (view: View, codes: readonly string[]): string | null =>
  codes.length === 0 ? null : view.t('ob-selected', { items: unique(codes).map((code) => languageLabel(code, view.locale)).join(', ') });

export const nativeScreen = (view: View, wizard: Wizard): Screen => {
  const { native, found } = wizard.draft;
  const codes = unique([...POPULAR_LANGUAGES, ...found, ...native]);
  const keys = codes.map((code) => button(checked(native.includes(code), languageLabel(code, view.locale)), 'native', 't', code));
  return {
    text: lines(header(view, wizard, 1) + view.t('ask-native-languages', { max: MAX_NATIVE_LANGUAGES }), view.t('ob-search-hint'), selectedLine(view, native)),
    keyboard: [...rows(keys, 2), navigation(view, wizard, { back: wizard.draft.ret !== undefined, next: true })],
  };
};

export const learningScreen = (view: View, wizard: Wizard): Screen => {
  const { learn, found } = wizard.draft;
  const native = view.profile.nativeLanguages;
  const chosen = learn.map((skill) => skill.code);
  const codes = unique([...POPULAR_LANGUAGES, ...found, ...chosen]).filter((code) => !native.includes(code));
  const keys = codes.map((code) => {
    const skill = learn.find((item) => item.code === code);
    const label = languageLabel(code, view.locale);
    return button(skill === undefined ? label : checked(true, `${label} · ${skill.level}`), 'learning', 't', code);
  });
  const chosenLine =
    learn.length === 0 ? null : view.t('ob-selected', { items: learn.filter((s) => isLanguageCode(s.code)).map((s) => `${languageLabel(s.code, view.locale)} (${s.level})`).join(', ') });
  return {
    text: lines(header(view, wizard, 2) + view.t('ask-learning-languages', { max: MAX_LEARNING_LANGUAGES }), view.t('ob-learning-hint'), chosenLine),
    keyboard: [...rows(keys, 2), navigation(view, wizard, { next: true })],
  };
};

export const levelScreen = (view: View, wizard: Wizard): Screen => {
  const code = wizard.draft.lang;
  const name = code !== undefined && isLanguageCode(code) ? languageLabel(code, view.locale) : '?';
  const descriptions = CEFR_LEVELS.map((level) => `${view.t(levelKey(level))} — ${view.t(levelDescriptionKey(level))}`);
  return {
    text: lines(view.t('ask-level', { language: name }), '', ...descriptions),
    keyboard: [...rows(CEFR_LEVELS.map((level) => button(view.t(levelKey(level)), 'level', 'l', level)), 2), navigation(view, wizard)],
  };
};
