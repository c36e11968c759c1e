// Inline-button payloads: `<feature>:<action>[:<arg>…]`, at most 64 bytes as Telegram requires. Each feature owns
// one prefix (FEATURE_PREFIXES) and matches its buttons with `callbackPattern(prefix)`; a press on a button whose
// flow has moved on reaches the fallback, which answers it helpfully.

export const FEATURE_PREFIXES = {
  onboarding: 'ob',
  profile: 'pf',
  interfaceLanguage: 'lg',
  find: 'fd',
  requests: 'rq',
  tandem: 'tn',
  relay: 'rl',
  safety: 'sf',
  feedback: 'fb',
  admin: 'ad',
  deleteMe: 'dm',
} as const;

export type FeaturePrefix = (typeof FEATURE_PREFIXES)[keyof typeof FEATURE_PREFIXES];

export const CALLBACK_DATA_MAX_BYTES = 64;

export class CallbackDataTooLong extends Error {
  constructor(data: string) {
    super(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${data}`);
    this.name = 'CallbackDataTooLong';
  }
}

/** `callbackData('ob', 'pick', 'en')` → `ob:pick:en`; throws when over 64 bytes or a part holds a colon. */
export const callbackData = (prefix: FeaturePrefix, action: string, ...args: readonly (string | number)[]): string => {
  const parts = [prefix, action, ...args.map(String)];
  if (parts.some((part) => part.includes(':'))) throw new Error(`callback data parts may not contain ':' (${parts.join('|')})`);
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) throw new CallbackDataTooLong(data);
  return data;
};

export interface ParsedCallback {
  readonly prefix: string;
  readonly action: string;
  readonly args: readonly string[];
}

export const parseCallbackData = (data: string): ParsedCallback => {
  const [prefix = '', action = '', ...args] = data.split(':');
  return { prefix, action, args };
};

/** For grammY's `callbackQuery(…)`: every button of one feature. */
export const callbackPattern = (prefix: FeaturePrefix): RegExp => new RegExp(`^${prefix}:`);
