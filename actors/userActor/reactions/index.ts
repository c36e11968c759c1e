// Every reaction, in the order they run; each looks only at the events it cares about.
import { partnerAlertReaction } from './partnerAlertReaction.js';
import type { Reaction } from './reaction.js';
import { reminders } from './reminders.js';
import { requestReactions } from './requestReactions.js';
import { tandemReactions } from './tandemReactions.js';

export type { Reaction, ReactionInput, Translate } from './reaction.js';

const REACTIONS: readonly Reaction[] = [requestReactions, tandemReactions, reminders, partnerAlertReaction];

export const react: Reaction = async (input) => {
  for (const reaction of REACTIONS) await reaction(input);
};
