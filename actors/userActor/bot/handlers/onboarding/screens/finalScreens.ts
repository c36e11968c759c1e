// Communication styles and frequency, the optional bio, and the review card that ends onboarding.
import { COMMUNICATION_STYLES, FREQUENCIES } from '../../../../../../domain/communication/index.js';
import { communicationStyleKey, frequencyKey } from '../../../../../../domain/i18n/index.js';
import { MAX_BIO_CHARACTERS, PROFILE_SECTIONS } from '../../../../../../domain/user/index.js';
import { BIO_DISPLAY_MAX, SECTION_LABELS, clip, isolate, profileCard } from '../../profile/card.js';
import type { Wizard } from '../wizard.js';
import { button, checked, header, lines, navigation, rows, type Screen, type View } from './screen.js';

export const stylesScreen = (view: View, wizard: Wizard): Screen => ({
  text: lines(header(view, wizard, 5) + view.t('ask-styles'), view.t('ob-multi-hint')),
  keyboard: [
    ...rows(COMMUNICATION_STYLES.map((style) => button(checked(wizard.draft.styles.includes(style), view.t(communicationStyleKey(style))), 'styles', 't', style)), 1),
    navigation(view, wizard, { next: true }),
  ],
});

export const frequencyScreen = (view: View, wizard: Wizard): Screen => ({
  text: view.t('ask-frequency'),
  keyboard: [
    ...rows(FREQUENCIES.map((frequency) => button(checked(view.profile.frequency === frequency, view.t(frequencyKey(frequency))), 'frequency', 'f', frequency)), 1),
    navigation(view, wizard),
  ],
});

export const bioScreen = (view: View, wizard: Wizard): Screen => {
  const current = view.profile.bio;
  return {
    text: lines(header(view, wizard, 6) + view.t('ask-bio', { max: MAX_BIO_CHARACTERS }), current === '' ? null : view.t('ob-bio-current', { bio: isolate(clip(current, BIO_DISPLAY_MAX)) })),
    keyboard: [
      [button(current === '' ? view.t('button-skip') : view.t('ob-button-keep-bio'), 'bio', 's'), ...(current === '' ? [] : [button(view.t('ob-button-remove-bio'), 'bio', 'r')])],
      navigation(view, wizard),
    ],
  };
};

export const reviewScreen = (view: View, wizard: Wizard): Screen => ({
  text: lines(view.t('ob-review'), '', profileCard(view)),
  keyboard: [[button(`✅ ${view.t('ob-button-confirm')}`, 'review', 'c'), button(`✏️ ${view.t('ob-button-edit')}`, 'review', 'e')], navigation(view, wizard)],
});

export const reviewEditScreen = (view: View, wizard: Wizard): Screen => ({
  text: view.t('ob-review-pick'),
  keyboard: [...rows(PROFILE_SECTIONS.map((section) => button(view.t(SECTION_LABELS[section]), 'review-edit', 's', section)), 2), navigation(view, wizard)],
});
