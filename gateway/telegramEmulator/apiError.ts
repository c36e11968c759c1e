// Errors the emulator answers with, worded like the real Bot API so client code (grammY's GrammyError, our retry
// and rate-limit handling) sees what it would see from Telegram.

export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = 'BotApiError';
  }
}

export const badRequest = (detail: string): BotApiError => new BotApiError(400, `Bad Request: ${detail}`);
export const forbidden = (detail: string): BotApiError => new BotApiError(403, `Forbidden: ${detail}`);
export const conflict = (detail: string): BotApiError => new BotApiError(409, `Conflict: ${detail}`);
export const tooManyRequests = (retryAfter: number): BotApiError =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
