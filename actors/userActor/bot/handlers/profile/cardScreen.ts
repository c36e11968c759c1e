// /profile: the card with a button per section; a press opens that section's wizard step and comes back here.
import type { InlineKeyboardButton } from 'grammy/types';
import { PROFILE_SECTIONS } from '../../../../../domain/user/index.js';
import { callbackData } from '../../callbackData.js';
import type { Screen, View } from '../onboarding/screens/index.js';
import { rows } from '../onboarding/screens/screen.js';
import { SECTION_LABELS, profileCard } from './card.js';

export const cardScreen = (view: View, status: string): Screen => {
  const edit: InlineKeyboardButton[] = PROFILE_SECTIONS.map((section) => ({ text: `✏️ ${view.t(SECTION_LABELS[section])}`, callback_data: callbackData('pf', 'e', section) }));
  const notes = [status === 'paused' ? view.t('pf-paused-note') : null, status === 'onboarding' ? view.t('pf-onboarding-note') : null].filter((n): n is string => n !== null);
  return {
    text: [profileCard(view), ...notes].join('\n\n'),
    keyboard: rows(edit, 2),
  };
};
