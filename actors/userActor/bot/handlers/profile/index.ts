// The profile conversation (issue #6). Empty until its flow lands; see ../index.ts for where it sits in the order.
import { Composer } from 'grammy';
import type { BotContext } from '../../context.js';

export const profile = new Composer<BotContext>();
