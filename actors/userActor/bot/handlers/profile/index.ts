// The profile conversation (issue #6, point 2): /profile shows the card and edits any section through the wizard's
// own steps; /language switches the interface; /reset asks before clearing the profile and restarting onboarding;
// /pause and /resume.
import { PROFILE_SECTIONS } from '../../../../../domain/user/index.js';
import type { BotContext } from '../../context.js';
import { callbackPattern, parseCallbackData } from '../../callbackData.js';
import { replyToDomainError } from '../../replyToDomainError.js';
import { goTo, showScreen, viewOf } from '../onboarding/present.js';
import { startOnboarding } from '../onboarding/index.js';
import { enterSection } from '../onboarding/wizard.js';
import { cardScreen } from './cardScreen.js';
import { languageKeyboard, setInterfaceLanguage } from './interfaceLanguage.js';
import { askReset, confirmReset } from './reset.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const profile = new HandlerComposer<BotContext>();

/** Runs a command handler, answering a refused domain command (not started, banned, …) in the user's language. */
const guarded =
  (handler: (ctx: BotContext) => Promise<unknown>) =>
  async (ctx: BotContext): Promise<void> => {
    try {
      await handler(ctx);
    } catch (error) {
      await replyToDomainError(ctx, error);
    }
  };

profile.command(
  'profile',
  guarded(async (ctx) => {
    if (ctx.actor.state.status === 'new') {
      await ctx.reply(ctx.t('error-not_started'));
      return;
    }
    ctx.actor.decide({ type: 'RecordActivity', data: {} });
    await showScreen(ctx, cardScreen(viewOf(ctx), ctx.actor.state.status), 'send');
  }),
);

profile.command('language', (ctx) => ctx.reply(ctx.t('choose-interface-language'), { reply_markup: languageKeyboard() }));

profile.command('reset', guarded(askReset));

profile.command(
  'pause',
  guarded(async (ctx) => {
    // A second /pause: say it is paused already (the domain's not_active would read as if something were wrong).
    if (ctx.actor.state.status === 'paused') return void (await ctx.reply(ctx.t('account-already-paused')));
    ctx.actor.decide({ type: 'PauseProfile', data: {} });
    await ctx.reply(ctx.t('account-paused'));
  }),
);

profile.command(
  'resume',
  guarded(async (ctx) => {
    ctx.actor.decide({ type: 'ResumeProfile', data: {} });
    await ctx.reply(ctx.t('account-resumed'));
  }),
);

profile.callbackQuery(callbackPattern('pf'), async (ctx) => {
  const { action, args } = parseCallbackData(ctx.callbackQuery.data);
  const [arg = ''] = args;
  try {
    if (action === 'e') {
      const section = PROFILE_SECTIONS.find((candidate) => candidate === arg);
      if (section === undefined || ctx.actor.state.status === 'new') {
        await ctx.answerCallbackQuery({ text: ctx.t('help-stale-button') });
        return;
      }
      await goTo(ctx, enterSection('profile-edit', section, ctx.actor.state.profile, 'card'), 'edit');
      await ctx.answerCallbackQuery();
      return;
    }
    if (action === 'reset') {
      const notice = await confirmReset(ctx, arg === 'yes', () => startOnboarding(ctx));
      await ctx.answerCallbackQuery(notice === undefined ? undefined : { text: notice });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t('help-stale-button') });
  } catch (error) {
    await ctx.answerCallbackQuery();
    await replyToDomainError(ctx, error);
  }
});

profile.callbackQuery(callbackPattern('lg'), async (ctx) => {
  const { args } = parseCallbackData(ctx.callbackQuery.data);
  try {
    await setInterfaceLanguage(ctx, args[0] ?? '');
  } catch (error) {
    await ctx.answerCallbackQuery();
    await replyToDomainError(ctx, error);
  }
});
