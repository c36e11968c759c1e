// The grammY context handlers of the user actor see: Telegram's update, the translator, the actor's session and the
// ports the actor may ask (read-side lookups, the admin list), and how many edits of the pressed message were left
// out because they changed nothing (unchangedEdits.ts).
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { UserActorServices } from '../ports/services.js';
import type { ActorSession } from '../session.js';

export type BotContext = Context & I18nFlavor & { actor: ActorSession; services: UserActorServices; editsSkipped: number };
