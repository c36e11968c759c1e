// The screen of each wizard step.
import type { Wizard } from '../wizard.js';
import { daysCustomScreen, daysScreen, slotsScreen, timezoneScreen, tzOffsetScreen } from './availabilityScreens.js';
import { bioScreen, frequencyScreen, reviewEditScreen, reviewScreen, stylesScreen } from './finalScreens.js';
import { interestCategoryScreen, interestsScreen, primaryScreen } from './interestScreens.js';
import { learningScreen, levelScreen, nativeScreen } from './languageScreens.js';
import type { Screen, View } from './screen.js';

export type { Screen, View } from './screen.js';

export const renderStep = (view: View, wizard: Wizard): Screen => {
  switch (wizard.step) {
    case 'native':
      return nativeScreen(view, wizard);
    case 'learning':
      return learningScreen(view, wizard);
    case 'level':
      return levelScreen(view, wizard);
    case 'interests':
      return interestsScreen(view, wizard);
    case 'interest-cat':
      return interestCategoryScreen(view, wizard);
    case 'primary':
      return primaryScreen(view, wizard);
    case 'timezone':
      return timezoneScreen(view, wizard);
    case 'tz-offset':
      return tzOffsetScreen(view, wizard);
    case 'days':
      return daysScreen(view, wizard);
    case 'days-custom':
      return daysCustomScreen(view, wizard);
    case 'slots':
      return slotsScreen(view, wizard);
    case 'styles':
      return stylesScreen(view, wizard);
    case 'frequency':
      return frequencyScreen(view, wizard);
    case 'bio':
      return bioScreen(view, wizard);
    case 'review':
      return reviewScreen(view, wizard);
    case 'review-edit':
      return reviewEditScreen(view, wizard);
    default: {
      const unknown: never = wizard.step;
      throw new TypeError(`unknown step ${String(unknown)}`);
    }
  }
};
