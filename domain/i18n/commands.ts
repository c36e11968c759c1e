// The bot's commands, in the order /help lists them and Telegram's command menu shows them. Each has a one-line
// description in the catalog (commandKey); the gateway registers them with setMyCommands per locale.

export const BOT_COMMANDS = [
  'start', 'profile', 'find', 'requests', 'chat', 'language', 'pause', 'resume', 'reset', 'feedback', 'delete_me', 'help',
  'end', 'block', 'unblock', 'report', 'cancel',
] as const;

export type BotCommand = (typeof BOT_COMMANDS)[number];

const COMMAND_SET: ReadonlySet<string> = new Set(BOT_COMMANDS);

export const isBotCommand = (value: string): value is BotCommand => COMMAND_SET.has(value);
