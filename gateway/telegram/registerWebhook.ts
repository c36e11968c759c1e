// Webhook mode with PUBLIC_URL: tell Telegram where to post, with our secret and the update types we route.
import type { Api } from 'grammy';
import { WEBHOOK_PATH } from '../http/webhookRoute.js';
import { ALLOWED_UPDATES } from './routeUpdate.js';

export const webhookUrlFor = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`;

export const registerWebhook = async (api: Pick<Api, 'setWebhook'>, options: { publicUrl: string; secret: string; signal?: AbortSignal }): Promise<string> => {
  const url = webhookUrlFor(options.publicUrl);
  await api.setWebhook(url, { secret_token: options.secret, allowed_updates: ALLOWED_UPDATES, max_connections: 40 }, options.signal as Parameters<Api['setWebhook']>[2]);
  return url;
};
