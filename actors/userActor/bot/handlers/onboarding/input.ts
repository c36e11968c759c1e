// What a user types or shares while a wizard step is on screen: a language search, a time zone (text or a shared
// location), the bio. Anything else gets a nudge towards the buttons, with the step shown again below it.
import { searchLanguages } from '../../../../../domain/languages/index.js';
import type { BotContext } from '../../context.js';
import { replyToDomainError } from '../../replyToDomainError.js';
import { chooseZone } from './actions.js';
import { zoneAt } from './location.js';
import { clip } from '../profile/card.js';
import { afterSection } from './navigation.js';
import { goTo } from './present.js';
import { parseTimeZoneInput } from './timeZoneInput.js';
import type { Wizard } from './wizard.js';

const SEARCH_RESULTS = 8;

const searchStep = async (ctx: BotContext, wizard: Wizard, text: string): Promise<void> => {
  const matching = searchLanguages(text, SEARCH_RESULTS).map((info) => info.code);
  if (matching.length === 0) {
    await ctx.reply(ctx.t('language-search-empty', { query: clip(text, 64) }));
    return;
  }
  // One's own native languages are not offered for learning.
  const native = ctx.actor.state.profile.nativeLanguages;
  const found = wizard.step === 'learning' ? matching.filter((code) => !native.includes(code)) : matching;
  if (found.length === 0) {
    await ctx.reply(ctx.t('ob-already-native'));
    return;
  }
  await goTo(ctx, { ...wizard, draft: { ...wizard.draft, found } }, 'send', ctx.t('ob-search-found', { count: found.length }));
};

export const onWizardText = async (ctx: BotContext, wizard: Wizard, text: string): Promise<void> => {
  switch (wizard.step) {
    case 'native':
    case 'learning':
      return searchStep(ctx, wizard, text);
    case 'timezone':
    case 'tz-offset': {
      const zone = parseTimeZoneInput(text);
      if (zone === undefined) {
        await ctx.reply(ctx.t('ob-tz-unknown'));
        return;
      }
      return chooseZone(ctx, wizard, zone, 'send');
    }
    case 'bio':
      try {
        ctx.actor.decide({ type: 'SetBio', data: { bio: text } });
      } catch (error) {
        return replyToDomainError(ctx, error);
      }
      return afterSection(ctx, wizard, 'bio', 'send', ctx.t('ob-bio-saved'));
    default:
      return goTo(ctx, wizard, 'send', ctx.t('ob-use-buttons'));
  }
};

export const onWizardLocation = async (ctx: BotContext, wizard: Wizard, latitude: number, longitude: number): Promise<void> => {
  if (wizard.step !== 'timezone' && wizard.step !== 'tz-offset') return goTo(ctx, wizard, 'send', ctx.t('ob-use-buttons'));
  const zone = zoneAt(latitude, longitude);
  if (zone === undefined) {
    await ctx.reply(ctx.t('ob-tz-unknown'));
    return;
  }
  return chooseZone(ctx, wizard, zone, 'send');
};
