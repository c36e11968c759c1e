// The edge's mapping from the domain's coded refusals to a reply in the user's language: every code has its own
// message (`error-<code>`), formatted with the error's details (limits, counts).
import { isDomainError } from '../../../domain/errors.js';
import { errorMessage } from '../../../domain/i18n/index.js';
import type { BotContext } from './context.js';

export const replyToDomainError = async (ctx: BotContext, error: unknown): Promise<void> => {
  if (!isDomainError(error)) throw error;
  const { key, args } = errorMessage(error);
  await ctx.reply(ctx.t(key, args));
};
