// One grammY Bot per actor host, reused for every update: grammY builds a fresh context (and a fresh Api) per
// update, so the per-update call capture and session never leak between actors handled at the same time.
import { I18n } from '@grammyjs/i18n';
import { Bot, type Composer } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import { pickLocale } from '../../../domain/i18n/index.js';
import { captureCalls } from '../captureCalls.js';
import type { UserActorServices } from '../ports/services.js';
import type { Translate } from '../reactions/reaction.js';
import type { ActorSession } from '../session.js';
import type { UserState } from '../../../domain/user/index.js';
import type { BotContext } from './context.js';
import { localesDirectory } from './localesDirectory.js';
import { skipUnchangedEdits } from './unchangedEdits.js';

export interface UserBotOptions {
  /** Never used for network calls here (every call is captured), but grammY wants one. */
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly handlers: Composer<BotContext>;
  readonly services: UserActorServices;
}

export interface UserBot {
  /** Runs the handlers for one update inside `session`; the session collects decisions and captured calls. */
  handle(update: Update, session: ActorSession): Promise<void>;
  /**
   * The catalog in this user's interface language, for messages sent outside the handlers (reactions); a user who
   * has not chosen one yet gets the Telegram language of the update at hand, else the one the state remembers.
   */
  translatorFor(state: UserState, telegramLanguageCode?: string): Translate;
}

/** The interface language: the one the user chose, else their Telegram language, else English. */
export const localeOf = (state: UserState, telegramLanguageCode?: string | null): string =>
  state.profile.interfaceLanguage ?? pickLocale(telegramLanguageCode ?? state.profile.telegramLanguageCode ?? undefined);

/**
 * @grammyjs/i18n negotiates the bundles (BCP 47 parsing and matching) on every translate call — several per update,
 * one per button label. The bundles are fixed once loaded and the locales asked for are few (the catalog's), so the
 * match is remembered per locale list.
 */
const rememberBundleMatches = (i18n: I18n<BotContext>): void => {
  const fluent = i18n.fluent as unknown as { matchBundles(locales: string[]): Set<unknown> };
  const match = fluent.matchBundles.bind(fluent);
  const matches = new Map<string, Set<unknown>>();
  fluent.matchBundles = (locales) => {
    const key = locales.join('\u0000');
    let found = matches.get(key);
    if (found === undefined) {
      found = match(locales);
      // Bounded: a locale list comes from the catalog's locales, but never trust that to hold.
      if (matches.size < 256) matches.set(key, found);
    }
    return found;
  };
};

/**
 * The key a translation is remembered under, or null when it is formatted each time: a message asked for with no
 * variables, or with numbers only (a step of a count, a limit), formats to the same text every time per locale list
 * (the bundles are fixed, and Fluent has no clock or randomness). Text variables (names, messages) are never part of
 * a key: they are unbounded, and personal data has no place in a process-wide cache.
 */
const rememberedKey = (locales: string | readonly string[], path: string, context: object | undefined): string | null => {
  let key = `${typeof locales === 'string' ? locales : locales.join('\u0000')}\u0001${path}`;
  if (context === undefined) return key;
  for (const [name, value] of Object.entries(context)) {
    if (typeof value !== 'number') return null;
    key += `\u0001${name}=${value}`;
  }
  return key;
};

/**
 * Most of an update's texts are such constant translations — each button label, headings, hints, "step 1 of 6" —
 * and formatting them (Fluent's pattern resolution) was a visible part of an onboarding screen's CPU. They are
 * remembered per locale list, key and numbers. A translation that warned (a missing message or attribute) is not
 * remembered, so it warns on every call as before; one that throws is not either.
 */
const rememberConstantTranslations = (i18n: I18n<BotContext>): void => {
  const fluent = i18n.fluent as unknown as {
    translate(locales: string | string[], path: string, context?: object): string;
    handleWarning: (warning: unknown) => void;
  };
  const translate = fluent.translate.bind(fluent);
  const texts = new Map<string, string>();
  let warned = false;
  const handleWarning = fluent.handleWarning;
  fluent.handleWarning = (warning) => {
    warned = true;
    handleWarning.call(fluent, warning);
  };
  // The commonest ask — one locale, no variables (a button label) — is looked up by locale, then path, without
  // building a key string on every call; the rest by rememberedKey.
  const plain = new Map<string, Map<string, string>>();
  let remembered = 0;
  const formatted = (locales: string | string[], path: string, context: object | undefined, remember: (text: string) => void): string => {
    warned = false;
    const text = translate(locales, path, context);
    // Bounded: keys come from the code and numbers from counts, but never trust that to hold.
    if (!warned && remembered < 4096) {
      remember(text);
      remembered += 1;
    }
    return text;
  };
  // An own property: Fluent's withLocale() (the middleware's ctx.t) and I18n.translate() both look it up on the instance.
  fluent.translate = (locales, path, context) => {
    if (typeof locales === 'string' && hasNoVariables(context)) {
      let paths = plain.get(locales);
      const known = paths?.get(path);
      if (known !== undefined) return known;
      return formatted(locales, path, context, (text) => {
        if (paths === undefined) plain.set(locales, (paths = new Map()));
        paths.set(path, text);
      });
    }
    const key = rememberedKey(locales, path, context);
    if (key === null) return translate(locales, path, context);
    const known = texts.get(key);
    if (known !== undefined) return known;
    return formatted(locales, path, context, (text) => texts.set(key, text));
  };
};

/** No variables at all, own or inherited (an object with any goes the general way, rememberedKey). */
const hasNoVariables = (context: object | undefined): boolean => {
  if (context === undefined) return true;
  for (const _ in context) return false;
  return true;
};

export const createI18n = (): I18n<BotContext> => {
  const i18n = new I18n<BotContext>({
    defaultLocale: 'en',
    directory: localesDirectory(),
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => localeOf(ctx.actor.state, ctx.from?.language_code),
  });
  rememberBundleMatches(i18n);
  rememberConstantTranslations(i18n);
  return i18n;
};

export const createUserBot = (options: UserBotOptions): UserBot => {
  const bot = new Bot<BotContext>(options.token, { botInfo: options.botInfo });
  const sessions = new Map<number, ActorSession>();
  bot.use((ctx, next) => {
    const session = sessions.get(ctx.update.update_id);
    if (!session) throw new Error(`no actor session for update ${ctx.update.update_id}`);
    ctx.actor = session;
    ctx.services = options.services;
    ctx.api.config.use(captureCalls(session.now, (call) => session.recordCall(call)));
    ctx.editsSkipped = 0;
    // Installed last, so it sees an edit before the capture does (grammY's last transformer runs first).
    const shown = ctx.callbackQuery?.message;
    if (shown !== undefined) ctx.api.config.use(skipUnchangedEdits(shown as Message, () => (ctx.editsSkipped += 1)));
    return next();
  });
  const i18n = createI18n();
  bot.use(i18n);
  bot.use(options.handlers);
  return {
    async handle(update, session) {
      sessions.set(update.update_id, session);
      try {
        await bot.handleUpdate(update);
      } finally {
        sessions.delete(update.update_id);
      }
    },
    translatorFor(state, telegramLanguageCode) {
      const locale = localeOf(state, telegramLanguageCode);
      return (key, args) => i18n.t(locale, key, args as Record<string, string | number> | undefined);
    },
  };
};
