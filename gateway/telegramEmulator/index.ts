// The local Telegram Bot API emulator (tests, benchmarks, the sandbox).
export { createTelegramEmulator, DEFAULT_EMULATOR_TOKEN, type TelegramEmulator, type TelegramEmulatorOptions, type EmulatorCall, type RateLimitRule, type ApiResponse } from './telegramEmulator.js';
export { textMessageUpdate, callbackQueryUpdate, type EmulatedUser } from './updates.js';
export type { EmulatedUpdate, WebhookDelivery } from './updateQueue.js';
export { plainTextOf } from './formattedText.js';
