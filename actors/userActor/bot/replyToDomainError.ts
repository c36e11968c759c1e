// The edge's mapping from the domain's coded refusals to a reply in the user's language.
import { isDomainError, type UserErrorCode } from '../../../domain/errors.js';
import type { BotContext } from './context.js';

const KEYS: Partial<Record<UserErrorCode, string>> = {
  banned: 'account-banned',
  forgotten: 'delete-me-done',
};

export const replyToDomainError = async (ctx: BotContext, error: unknown): Promise<void> => {
  if (!isDomainError(error)) throw error;
  await ctx.reply(ctx.t(KEYS[error.code] ?? 'action-not-allowed', { code: error.code }));
};
