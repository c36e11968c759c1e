// `ctx.t`, `ctx.translate` and `ctx.i18n` for one update, as @grammyjs/i18n's middleware (1.1) installs them, without
// its per-update cost: it awaited three async functions (the negotiation, wrapped twice) before the handlers, bound a
// new translate function at every negotiation, and copied the variables into a new object on every `ctx.t` call,
// also when there were none — an onboarding screen asks for a dozen translations. Same surface and behaviour: the
// locale negotiated before the handlers run, `getLocale()` negotiating anew, `useLocale()`/`renegotiateLocale()`
// switching what `ctx.t` uses, `setLocale()` refused (no session storage), variables passed as a copy.
import type { I18nFlavor, Fluent, LocaleId, TranslationVariables } from '@grammyjs/i18n';
import type { Context } from 'grammy';

/** Fluent reads the variables and never writes them: one empty object serves every call without any. */
const NO_VARIABLES: TranslationVariables = Object.freeze({}) as TranslationVariables;

// The middleware's own words (there is no session storage for a locale here).
const SET_LOCALE_WITHOUT_SESSION =
  'You are calling `ctx.i18n.setLocale()` without setting `useSession` to `true` in the configuration. ' +
  "It doesn't make sense because you cannot set a locale in the session that way. When you call " +
  '`ctx.i18n.setLocale()`, the bot tries to store the user locale in the session storage. But since you don\'t have ' +
  'session enabled, it cannot store the locale information in the session storage. You should either enable ' +
  'sessions or use `ctx.i18n.useLocale()` instead.';

export interface UpdateI18nOptions<C extends Context> {
  readonly fluent: Fluent;
  readonly defaultLocale: LocaleId;
  readonly localeNegotiator: (ctx: C) => LocaleId | undefined;
}

/** Installs the translator on `ctx`, negotiating its locale now (before the handlers run, as the middleware did). */
export const installUpdateI18n = <C extends Context & I18nFlavor>(ctx: C, options: UpdateI18nOptions<C>): void => {
  const { fluent, defaultLocale, localeNegotiator } = options;
  const negotiate = (): LocaleId => localeNegotiator(ctx) ?? ctx.from?.language_code ?? defaultLocale;
  let locale = negotiate();
  const translate = (key: string, variables?: TranslationVariables): string =>
    fluent.translate(locale, key, variables === undefined ? NO_VARIABLES : { ...variables });
  Object.defineProperty(ctx, 'i18n', {
    value: {
      fluent,
      renegotiateLocale: async (): Promise<void> => {
        locale = negotiate();
      },
      useLocale: (next: LocaleId): void => {
        locale = next;
      },
      getLocale: async (): Promise<LocaleId> => negotiate(),
      setLocale: async (): Promise<void> => {
        throw new Error(SET_LOCALE_WITHOUT_SESSION);
      },
    } satisfies I18nFlavor['i18n'],
    // As the middleware defines it: replaceable, so a nested install (a conversation) could redefine it.
    writable: true,
  });
  ctx.translate = translate;
  ctx.t = translate;
};
