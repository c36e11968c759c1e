// Every reaction, in the order they run; each looks only at the events it cares about.
import type { Reaction } from './reaction.js';
import { reminders } from './reminders.js';
import { requestReactions } from './requestReactions.js';
import { tandemReactions } from './tandemReactions.js';

export type { Reaction, ReactionInput, Translate } from './reaction.js';

const REACTIONS: readonly Reaction[] = [requestReactions, tandemReactions, reminders];

export const react: Reaction = async (input) => {
  for (const reaction of REACTIONS) await reaction(input);
};
