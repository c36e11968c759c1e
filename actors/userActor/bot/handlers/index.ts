// Every conversation of the bot, in the order grammY tries them; the fallback answers whatever nobody took.
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { fallback, help } from './help.js';
import { start } from './start.js';

export const createHandlers = (): Composer<BotContext> => new Composer<BotContext>(start, help, fallback);
