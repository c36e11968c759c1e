// The user actor: one per Telegram user, its state the fold of stream `user-<id>`. Updates run through the grammY
// handlers; commands from other actors and timers go straight to the domain decider. Whatever it decides — domain
// events and captured Bot API calls — is appended in one commit by the actor host.
import type { Composer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { evolve, fold, initialState, QUEUED_ADMIN_COMMAND_TYPES, type UserCommand, type UserEvent, type UserState } from '../../domain/user/index.js';
import { isDomainError } from '../../domain/errors.js';
import { isOutboxEventType, OUTBOX_EVENT_TYPES, userMailboxKey } from '../outbox/outboxEvents.js';
import { timersFor } from '../../domain/tandem/index.js';
import { isSendReminder, reminderToSend } from '../../domain/user/reminders.js';
import type { ActorBehavior } from '../runtime/actorHost.js';
import type { BotContext } from './bot/context.js';
import { memoryServices, type UserActorServices } from './ports/services.js';
import { react } from './reactions/index.js';
import { peerRefsFor } from './bot/peerRef.js';
import { createUserBot } from './bot/createUserBot.js';
import type { UserActorMessage } from './messages.js';
import { createSession, type UserActorEvent } from './session.js';
import { failsEveryTime, failureAnswer } from './handlerFailure.js';

export interface UserBehaviorOptions {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly handlers: Composer<BotContext>;
  readonly clock?: () => Date;
  /** Ports for handlers and reactions; in-memory twins when not given (unit tests). */
  readonly services?: UserActorServices;
  /** The handlers threw on an update and the user was answered instead of the update being retried (logging). */
  readonly onHandlerFailure?: (error: unknown, message: Extract<UserActorMessage, { kind: 'update' }>) => void;
}

/** Actor keys are mailbox user keys: `user:<telegram id>`; `chat:<id>` keys (no user) have no actor state. */
export const userIdOfKey = (key: string): string | null => (key.startsWith('user:') ? key.slice('user:'.length) : null);

export const userStreamOfKey = (key: string): string => key.replace(':', '-');

/**
 * The id the domain remembers and derives ids from: a peer command keeps the id its sender's domain derived, a timer
 * the id its scheduler derived (domain/tandem/timers.ts); an update is `tg:<update_id>`.
 */
const commandIdOf = (message: UserActorMessage): string =>
  message.kind === 'command' || message.kind === 'alert' ? message.commandId : message.kind === 'timer' ? message.timerId : message.id;

/** Durable timers the decided events call for (request expiry), as outbox entries for the dispatcher's timer table. */
export const timersOf = (userId: string, output: readonly UserActorEvent[], state?: UserState): UserActorEvent[] =>
  timersFor(output.filter((event): event is UserEvent => !isOutboxEventType(event.type)), state).map((timer) => ({
    type: OUTBOX_EVENT_TYPES.timerScheduled,
    data: { timerId: timer.timerId, fireAt: timer.dueAt.toISOString(), target: userMailboxKey(userId), message: timer.command },
  }));

const ADMIN_COMMAND_TYPES: ReadonlySet<string> = new Set(QUEUED_ADMIN_COMMAND_TYPES);

/**
 * An admin's ban or unban (queued by the admin's actor, domain/user/decideModeration.ts). The target's domain may
 * refuse it — already banned by another report, not banned any more, forgotten meanwhile — and a refusal is the
 * answer, not a failure to retry until it is dead-lettered: it decides nothing. A decided one is told to the user
 * at once, in their language. Returns false for other commands.
 */
const decideAdminCommand = (
  session: ReturnType<typeof createSession>,
  command: Extract<UserActorMessage, { kind: 'command' }>['command'],
  t: (key: string) => string,
): boolean => {
  if (!ADMIN_COMMAND_TYPES.has(command.type)) return false;
  let decided: readonly UserEvent[] = [];
  try {
    decided = session.decide({ ...command });
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
  const told = decided.some((event) => event.type === 'UserBanned') ? 'account-banned' : decided.some((event) => event.type === 'UserUnbanned') ? 'safety-account-restored' : null;
  const chatId = Number(session.userId);
  if (told !== null && Number.isSafeInteger(chatId)) session.recordCall({ method: 'sendMessage', payload: { chat_id: chatId, text: t(told) }, chatId });
  return true;
};

export const evolveUserActor = (state: UserState, event: UserActorEvent): UserState =>
  isOutboxEventType(event.type) ? state : evolve(state, event as UserEvent);

/** events.reduce(evolveUserActor, state) on one draft of the state (domain fold), outbox events skipped. */
export const foldUserActor = (state: UserState, events: readonly UserActorEvent[]): UserState =>
  fold(events.filter((event): event is UserEvent => !isOutboxEventType(event.type)), state);

export const createUserBehavior = (options: UserBehaviorOptions): ActorBehavior<UserActorMessage, UserActorEvent, UserState> => {
  const clock = options.clock ?? (() => new Date());
  const services = options.services ?? memoryServices();
  const bot = createUserBot({ ...options, services });
  const reactTo = async (session: ReturnType<typeof createSession>, kind: 'command' | 'timer', command: { type: string; data: object }) => {
    const events = session.output.filter((event): event is UserEvent => !isOutboxEventType(event.type));
    if (events.length === 0) return;
    await react({ session, events, services, t: bot.translatorFor(session.state), ref: peerRefsFor(options.token, session.userId), cause: { kind, type: command.type, data: command.data as Record<string, unknown> } });
  };
  return {
    initialState,
    evolve: evolveUserActor,
    fold: foldUserActor,
    unfoldedTypes: Object.values(OUTBOX_EVENT_TYPES),
    causationOf: commandIdOf,
    // Guarantee 6's trace: gateway → NATS headers → these events' metadata → the dispatcher's calls and messages.
    metadataOf: (message) => ({ ...message.trace }),
    async handle(message, state, key) {
      const userId = userIdOfKey(key);
      // Updates without a user (channel posts and the like) are accepted and ignored: no actor owns them.
      if (userId === null) return [];
      // Guarantee 2: a message this actor already applied decides nothing (its replies are not sent again).
      const commandId = commandIdOf(message);
      if (state.recentCommandIds.includes(commandId)) return [];
      const session = createSession(userId, state, clock(), commandId);
      switch (message.kind) {
        case 'update':
          try {
            await bot.handle(message.update, session);
          } catch (error) {
            if (!failsEveryTime(error) && message.lastDelivery !== true) throw error;
            options.onHandlerFailure?.(error, message);
            // Only the answer is committed, on a fresh session: nothing of the failed turn.
            const answered = createSession(userId, state, session.now, commandId);
            const t = bot.translatorFor(state, message.update.message?.from?.language_code ?? message.update.callback_query?.from.language_code);
            for (const call of failureAnswer(message.update, error, t)) answered.recordCall(call);
            return [...answered.output];
          }
          break;
        case 'command':
          if (!decideAdminCommand(session, message.command, bot.translatorFor(session.state))) session.decide({ ...message.command });
          await reactTo(session, 'command', message.command);
          break;
        case 'alert':
          session.decide({ type: 'NotifyPartnerAvailable', data: message.command.data });
          await reactTo(session, 'command', message.command);
          break;
        case 'timer':
          if (isSendReminder(message.command)) {
            // A reminder is the actor's own policy, not a domain command: record it only while it still applies.
            const kind = reminderToSend(session.state, message.command.data, session.now);
            if (kind !== null) session.decide({ type: 'RecordReminderSent', data: { kind } });
          } else {
            session.decide({ type: message.command.type, data: message.command.data } as Omit<UserCommand, 'meta'> as never);
          }
          await reactTo(session, 'timer', message.command);
          break;
      }
      return [...session.output, ...timersOf(userId, session.output, session.state)];
    },
  };
};
