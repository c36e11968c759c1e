// Interests: categories first (with how many are chosen in each), one category's interests as toggles, then up to
// MAX_PRIMARY_INTERESTS of the chosen ones marked as main.
import { interestCategoryKey, interestKey } from '../../../../../../domain/i18n/index.js';
import { INTEREST_CATEGORIES, MAX_PRIMARY_INTERESTS, interestInfo, interestsByCategory, isInterestId, type InterestCategory } from '../../../../../../domain/interests/index.js';
import type { Wizard } from '../wizard.js';
import { button, checked, header, lines, navigation, rows, type Screen, type View } from './screen.js';

export const interestLabel = (view: Pick<View, 't'>, id: string): string => (isInterestId(id) ? `${interestInfo(id).emoji} ${view.t(interestKey(id))}` : id);

const chosenLine = (view: View, ids: readonly string[], primary: readonly string[]): string | null =>
  ids.length === 0 ? null : view.t('ob-selected', { items: ids.map((id) => `${interestLabel(view, id)}${primary.includes(id) ? ' ⭐' : ''}`).join(', ') });

export const interestsScreen = (view: View, wizard: Wizard): Screen => {
  const { interests, primary } = wizard.draft;
  const groups = interestsByCategory();
  const keys = INTEREST_CATEGORIES.map((category) => {
    const count = (groups.get(category) ?? []).filter((interest) => interests.includes(interest.id)).length;
    return button(`${view.t(interestCategoryKey(category))}${count > 0 ? ` (${count})` : ''}`, 'interests', 'c', category);
  });
  return {
    text: lines(header(view, wizard, 3) + view.t('ask-interests'), view.t('ob-interests-hint'), chosenLine(view, interests, primary)),
    keyboard: [...rows(keys, 1), navigation(view, wizard, { next: true })],
  };
};

export const isCategory = (value: string | undefined): value is InterestCategory => (INTEREST_CATEGORIES as readonly (string | undefined)[]).includes(value);

export const interestCategoryScreen = (view: View, wizard: Wizard): Screen => {
  const category = isCategory(wizard.draft.cat) ? wizard.draft.cat : 'entertainment';
  const items = interestsByCategory().get(category) ?? [];
  const keys = items.map((interest) => button(checked(wizard.draft.interests.includes(interest.id), interestLabel(view, interest.id)), 'interest-cat', 't', interest.id));
  return {
    text: lines(view.t('ob-interests-category', { category: view.t(interestCategoryKey(category)) }), chosenLine(view, wizard.draft.interests, [])),
    keyboard: [...rows(keys, 2), [button(`‹ ${view.t('ob-button-categories')}`, 'interest-cat', 'b')]],
  };
};

export const primaryScreen = (view: View, wizard: Wizard): Screen => {
  const { interests, primary } = wizard.draft;
  const keys = interests.map((id) => button(`${primary.includes(id) ? '⭐ ' : ''}${interestLabel(view, id)}`, 'primary', 't', id));
  return {
    text: lines(view.t('ask-primary-interests', { max: MAX_PRIMARY_INTERESTS }), view.t('ob-primary-hint')),
    keyboard: [...rows(keys, 2), navigation(view, wizard, { next: true })],
  };
};
