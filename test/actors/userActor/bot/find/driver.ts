// Drives one user's actor behaviour directly (no store, no host): each update runs the real grammY handlers on the
// user's state, and the test sees the Bot API calls the handlers captured and the domain events they decided.
import type { Update } from 'grammy/types';
import { OUTBOX_EVENT_TYPES, type TelegramCallQueued } from '../../../../../actors/outbox/outboxEvents.js';
import { createHandlers } from '../../../../../actors/userActor/bot/handlers/index.js';
import type { UserActorMessage } from '../../../../../actors/userActor/messages.js';
import type { UserActorServices } from '../../../../../actors/userActor/ports/index.js';
import type { UserActorEvent } from '../../../../../actors/userActor/session.js';
import { createUserBehavior, evolveUserActor } from '../../../../../actors/userActor/userBehavior.js';
import type { UserEvent, UserState } from '../../../../../domain/user/index.js';
import { BOT_INFO, BOT_TOKEN, textUpdate } from '../../fixtures.js';

let updateIds = 50_000;

export interface Step {
  readonly calls: readonly TelegramCallQueued[];
  readonly events: readonly UserEvent[];
}

export interface Driver {
  state: UserState;
  send(text: string): Promise<Step>;
  /** Presses a button with this callback data on a message the bot sent (message id 77). */
  press(data: string, messageText?: string): Promise<Step>;
  /** Any message the actor takes (an alert from the follower, a peer command). */
  deliver(message: UserActorMessage): Promise<Step>;
}

/**
 * Each message comes a few seconds after the last, as a person types, so the per-user rate limit (one limiter per
 * process, shared by every driver of a test file) never trips; the offset is global so time never runs backwards.
 */
const STEP_MS = 5_000;
let offset = 0;

export const createDriver = (state: UserState, services: UserActorServices, start: Date): Driver => {
  let now = start.getTime() + offset;
  const behavior = createUserBehavior({ token: BOT_TOKEN, botInfo: BOT_INFO, handlers: createHandlers(), clock: () => new Date(now), services });
  const id = Number(state.userId);
  const from = { id, first_name: state.profile.firstName ?? 'X', language_code: state.profile.interfaceLanguage ?? state.profile.telegramLanguageCode ?? 'en' };
  const driver: Driver = {
    state,
    async deliver(message) {
      offset += STEP_MS;
      now = start.getTime() + offset;
      const output: readonly UserActorEvent[] = await behavior.handle(message, driver.state, `user:${id}`);
      driver.state = output.reduce(evolveUserActor, driver.state);
      return {
        calls: output.filter((e) => e.type === OUTBOX_EVENT_TYPES.telegramCall).map((e) => e.data as TelegramCallQueued),
        events: output.filter((e) => !e.type.startsWith('Outbox') && e.type !== 'CrossActorCommandQueued') as UserEvent[],
      };
    },
    send(text) {
      updateIds += 1;
      return driver.deliver({ kind: 'update', id: `tg:${updateIds}`, update: textUpdate(updateIds, from, text) });
    },
    press(data, messageText = 'card') {
      updateIds += 1;
      const update = {
        update_id: updateIds,
        callback_query: {
          id: `cq${updateIds}`,
          from: { is_bot: false, ...from },
          chat_instance: 'ci',
          data,
          message: { message_id: 77, date: 1_780_000_000, chat: { id, type: 'private', first_name: from.first_name }, text: messageText },
        },
      } as unknown as Update;
      return driver.deliver({ kind: 'update', id: `tg:${updateIds}`, update });
    },
  };
  return driver;
};

export const textsOf = (step: Step): readonly string[] => step.calls.map((call) => String(call.payload.text ?? ''));

export const buttonsOf = (step: Step): readonly string[] =>
  step.calls.flatMap((call) => {
    const markup = call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
    return (markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data ?? '');
  });
