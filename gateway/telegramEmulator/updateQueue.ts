// Updates waiting for the bot, delivered the two ways Telegram does: getUpdates (long poll, `offset` confirms
// everything below it, a newer call terminates an older one) or POSTs to a registered webhook with the secret
// header, retried until the bot answers 2xx. While a webhook is set, getUpdates is refused with 409, as on Telegram.
import { conflict } from './apiError.js';
import type { JsonObject } from './chats.js';

export type EmulatedUpdate = JsonObject & { readonly update_id: number };

export interface WebhookDelivery {
  readonly updateId: number;
  readonly status: number | undefined;
  readonly error?: string;
}

export interface Webhook {
  readonly url: string;
  readonly secretToken: string | undefined;
}

// Telegram's default when allowed_updates is empty or was never given.
const OFF_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export const createUpdateQueue = (options: { retryDelayMs: number }) => {
  let pending: EmulatedUpdate[] = [];
  let nextUpdateId = 1;
  let allowed: ReadonlySet<string> | undefined;
  let webhook: Webhook | undefined;
  let waiter: { wake: () => void; fail: (error: Error) => void } | undefined;
  let delivering = false;
  let closed = false;
  const deliveries: WebhookDelivery[] = [];
  const pollWatchers: (() => void)[] = [];
  const dropped: EmulatedUpdate[] = [];

  const typeOf = (update: EmulatedUpdate): string => Object.keys(update).find((key) => key !== 'update_id') ?? '';
  const isAllowed = (type: string): boolean => (allowed === undefined ? !OFF_BY_DEFAULT.has(type) : allowed.has(type));
  const setAllowed = (list: unknown): void => {
    if (Array.isArray(list)) allowed = list.length === 0 ? undefined : new Set(list.map(String));
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  const deliver = async (): Promise<void> => {
    if (delivering) return;
    delivering = true;
    try {
      while (!closed && webhook !== undefined && pending.length > 0) {
        const update = pending[0]!;
        const target = webhook;
        let status: number | undefined;
        let error: string | undefined;
        try {
          const response = await fetch(target.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(target.secretToken === undefined ? {} : { 'x-telegram-bot-api-secret-token': target.secretToken }) },
            body: JSON.stringify(update),
          });
          status = response.status;
          await response.arrayBuffer();
        } catch (cause) {
          error = cause instanceof Error ? cause.message : String(cause);
        }
        deliveries.push(error === undefined ? { updateId: update.update_id, status } : { updateId: update.update_id, status, error });
        if (status !== undefined && status >= 200 && status < 300) pending = pending.filter((other) => other !== update);
        else await sleep(options.retryDelayMs);
      }
    } finally {
      delivering = false;
    }
  };

  return {
    /** Assigns the next update_id; an update type the bot did not ask for is dropped, as Telegram does. */
    enqueue(body: JsonObject): EmulatedUpdate {
      const update: EmulatedUpdate = { update_id: nextUpdateId, ...body };
      nextUpdateId += 1;
      if (!isAllowed(typeOf(update))) {
        dropped.push(update);
        return update;
      }
      pending.push(update);
      if (webhook !== undefined) void deliver();
      const current = waiter;
      waiter = undefined;
      current?.wake();
      return update;
    },

    async getUpdates(params: { offset?: number; limit?: number; timeout?: number; allowedUpdates?: unknown }): Promise<EmulatedUpdate[]> {
      if (webhook !== undefined) throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
      setAllowed(params.allowedUpdates);
      const { offset } = params;
      if (offset !== undefined && offset < 0) pending = pending.slice(offset);
      else if (offset !== undefined) pending = pending.filter((update) => update.update_id >= offset);
      const limit = Math.min(Math.max(params.limit ?? 100, 1), 100);
      const previous = waiter;
      waiter = undefined;
      previous?.fail(conflict('terminated by other getUpdates request; make sure that only one bot instance is running'));
      if (pending.length === 0 && (params.timeout ?? 0) > 0 && !closed) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            if (waiter?.wake === wake) waiter = undefined;
            resolve();
          }, (params.timeout ?? 0) * 1000);
          const wake = (): void => {
            clearTimeout(timer);
            resolve();
          };
          waiter = { wake, fail: (error) => (clearTimeout(timer), reject(error)) };
          for (const watcher of pollWatchers.splice(0)) watcher();
        });
      }
      return pending.slice(0, limit);
    },

    setWebhook(next: Webhook, params: { allowedUpdates?: unknown; dropPending?: boolean }): void {
      webhook = next;
      setAllowed(params.allowedUpdates);
      if (params.dropPending === true) pending = [];
      const current = waiter;
      waiter = undefined;
      current?.fail(conflict('terminated by setWebhook request'));
      void deliver();
    },

    deleteWebhook(params: { dropPending?: boolean }): void {
      webhook = undefined;
      if (params.dropPending === true) pending = [];
    },

    webhookInfo: () => ({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: pending.length,
      ...(allowed === undefined ? {} : { allowed_updates: [...allowed] }),
      ...(deliveries.at(-1)?.status !== undefined && deliveries.at(-1)!.status! >= 300 ? { last_error_message: `Wrong response from the webhook: ${deliveries.at(-1)!.status}` } : {}),
    }),

    /** Resolves once a getUpdates call is blocked waiting for updates (now or later). */
    whenPolling: (): Promise<void> => (waiter !== undefined ? Promise.resolve() : new Promise((resolve) => pollWatchers.push(resolve))),

    pending: (): readonly EmulatedUpdate[] => [...pending],
    deliveries: (): readonly WebhookDelivery[] => [...deliveries],
    dropped: (): readonly EmulatedUpdate[] => [...dropped],

    close(): void {
      closed = true;
      const current = waiter;
      waiter = undefined;
      current?.wake();
    },
  };
};

export type UpdateQueue = ReturnType<typeof createUpdateQueue>;
