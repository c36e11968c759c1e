// Moving between steps: Back, and what follows a committed section (the next section, the review, or the profile
// card the edit started from).
import type { BotContext } from '../../context.js';
import { cardScreen } from '../profile/cardScreen.js';
import type { ProfileSection } from '../../../../../domain/user/index.js';
import { goTo, retireKeyboard, showScreen, viewOf, type Placement } from './present.js';
import { currentWizard, emptyDraft, enterSection, nextSection, previousSection, sectionOf, type Step, type Wizard } from './wizard.js';

/** Leaves the wizard for the profile card. */
export const showCard = async (ctx: BotContext, placement: Placement, prefix?: string): Promise<void> => {
  const mid = currentWizard(ctx.actor.state)?.draft.mid;
  ctx.actor.decide({ type: 'SetDialog', data: { dialog: null } });
  if (placement === 'send') await retireKeyboard(ctx, mid);
  await showScreen(ctx, cardScreen(viewOf(ctx), ctx.actor.state.status), placement, prefix);
};

const review = (): Wizard => ({ flow: 'onboarding', step: 'review', draft: emptyDraft });

export const afterSection = async (ctx: BotContext, wizard: Wizard, section: ProfileSection, placement: Placement, prefix?: string): Promise<void> => {
  if (wizard.draft.ret === 'card') return showCard(ctx, placement, prefix);
  if (wizard.draft.ret === 'review') return goTo(ctx, review(), placement, prefix);
  const next = nextSection(section);
  return goTo(ctx, next === null ? review() : enterSection(wizard.flow, next, ctx.actor.state.profile), placement, prefix);
};

const PARENT: Partial<Record<Step, Step>> = {
  level: 'learning',
  'interest-cat': 'interests',
  primary: 'interests',
  'tz-offset': 'timezone',
  days: 'timezone',
  'days-custom': 'days',
  slots: 'days',
  frequency: 'styles',
  'review-edit': 'review',
};

/** Back: to the step this one came from; from a section's first step, to the previous section or where the edit began. */
export const back = async (ctx: BotContext, wizard: Wizard): Promise<string | undefined> => {
  const parent = PARENT[wizard.step];
  if (parent !== undefined) {
    await goTo(ctx, { ...wizard, step: parent }, 'edit');
    return undefined;
  }
  if (wizard.draft.ret === 'card') {
    await showCard(ctx, 'edit');
    return undefined;
  }
  if (wizard.draft.ret === 'review') {
    await goTo(ctx, review(), 'edit');
    return undefined;
  }
  if (wizard.step === 'review') {
    await goTo(ctx, enterSection(wizard.flow, 'bio', ctx.actor.state.profile), 'edit');
    return undefined;
  }
  const section = sectionOf(wizard.step);
  const previous = section === null ? null : previousSection(section);
  if (previous === null) return ctx.t('ob-first-step');
  await goTo(ctx, enterSection(wizard.flow, previous, ctx.actor.state.profile), 'edit');
  return undefined;
};
