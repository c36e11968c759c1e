// The grammY context handlers of the user actor see: Telegram's update, the translator, and the actor's session.
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { ActorSession } from '../session.js';

export type BotContext = Context & I18nFlavor & { actor: ActorSession };
