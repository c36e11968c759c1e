// What a wizard step shows: one message (text and inline keyboard), rendered from the state and the draft alone, so
// every screen can be drawn again after a restart and tested without a bot.
import type { InlineKeyboardButton } from 'grammy/types';
import type { Profile } from '../../../../../../domain/user/index.js';
import type { Translate } from '../../../../reactions/reaction.js';
import { callbackData } from '../../../callbackData.js';
import type { Step, Wizard } from '../wizard.js';

export type Keyboard = readonly (readonly InlineKeyboardButton[])[];

export interface Screen {
  readonly text: string;
  readonly keyboard: Keyboard;
}

/** Everything a screen may read. */
export interface View {
  readonly t: Translate;
  readonly locale: string;
  readonly profile: Profile;
  readonly now: Date;
}

// Every onboarding screen is drawn again on each press and each typed text, and its labels come from the catalog and
// the language list only (no user's text: names and bios are never a button here), so the same few hundred buttons
// recur. Each is built (and its callback data checked) once, then shared, frozen: screens only put them in rows, and
// a captured call is copied as JSON.
const BUTTONS_REMEMBERED = 4096;
const buttons = new Map<string, InlineKeyboardButton.CallbackButton>();

export const button = (text: string, step: Step, action: string, arg?: string | number): InlineKeyboardButton.CallbackButton => {
  const key = `${step}\u0000${action}\u0000${arg === undefined ? '\u0001' : String(arg)}\u0000${text}`;
  let made = buttons.get(key);
  if (made === undefined) {
    made = Object.freeze({ text, callback_data: callbackData('ob', step, action, ...(arg === undefined ? [] : [arg])) });
    if (buttons.size < BUTTONS_REMEMBERED) buttons.set(key, made);
  }
  return made;
};

export const rows = <T>(items: readonly T[], perRow: number): readonly (readonly T[])[] => {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += perRow) result.push(items.slice(index, index + perRow));
  return result;
};

export const checked = (selected: boolean, label: string): string => (selected ? `✅ ${label}` : label);

/** Back (unless this is the very first screen of onboarding) and, for multi-select steps, Next. */
export const navigation = (view: View, wizard: Wizard, options: { readonly back?: boolean; readonly next?: boolean } = {}): readonly InlineKeyboardButton[] => {
  const row: InlineKeyboardButton[] = [];
  if (options.back ?? true) row.push(button(`‹ ${view.t('button-back')}`, wizard.step, 'b'));
  if (options.next === true) row.push(button(`${view.t('ob-button-next')} ›`, wizard.step, 'd'));
  return row;
};

/** "Step 2 of 6" above onboarding screens; nothing when editing one section from /profile. */
export const header = (view: View, wizard: Wizard, index: number): string =>
  wizard.flow === 'onboarding' && wizard.draft.ret === undefined ? `${view.t('ob-step', { step: index, total: 6 })}\n\n` : '';

export const lines = (...parts: readonly (string | null | undefined | false)[]): string => parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n');
