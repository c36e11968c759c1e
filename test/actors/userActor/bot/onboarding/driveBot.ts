// Drives the user bot's handlers directly (no NATS, no store): each update runs in a session on the state the last
// one left, and the captured Bot API calls come back, so a conversation can be unit-tested step by step.
import type { Update } from 'grammy/types';
import { createUserBot } from '../../../../../actors/userActor/bot/createUserBot.js';
import { createHandlers } from '../../../../../actors/userActor/bot/handlers/index.js';
import { memoryServices } from '../../../../../actors/userActor/ports/services.js';
import { OUTBOX_EVENT_TYPES } from '../../../../../actors/outbox/outboxEvents.js';
import { createSession } from '../../../../../actors/userActor/session.js';
import { initialState, type UserState } from '../../../../../domain/user/index.js';

export interface Call {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

export interface Driver {
  readonly state: UserState;
  send(text: string): Promise<readonly Call[]>;
  press(data: string, messageText?: string): Promise<readonly Call[]>;
  location(latitude: number, longitude: number): Promise<readonly Call[]>;
}

const BOT_INFO = {
  id: 1, is_bot: true, first_name: 'Lexbot', username: 'lexbot_test_bot', can_join_groups: false, can_read_all_group_messages: false,
  supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
} as const;

export const driveBot = (user: { id: number; firstName: string; languageCode?: string }, now = new Date('2026-03-02T10:00:00Z')): Driver => {
  const bot = createUserBot({ token: 'test:token', botInfo: BOT_INFO as never, handlers: createHandlers(), services: memoryServices() });
  let state = initialState();
  let updateId = 1;
  const from = { id: user.id, is_bot: false, first_name: user.firstName, ...(user.languageCode === undefined ? {} : { language_code: user.languageCode }) };
  const chat = { id: user.id, type: 'private' as const, first_name: user.firstName };
  const run = async (body: Omit<Update, 'update_id'>): Promise<readonly Call[]> => {
    const id = updateId++;
    // Ten seconds between updates: a person's pace, well within the guard's rate limit.
    const session = createSession(String(user.id), state, new Date(now.getTime() + id * 10_000), `tg:${id}`);
    await bot.handle({ update_id: id, ...body } as Update, session);
    state = session.state;
    return session.output.flatMap((event) =>
      event.type === OUTBOX_EVENT_TYPES.telegramCall ? [{ method: event.data.method, payload: event.data.payload as Record<string, unknown> }] : [],
    );
  };
  const message = (content: Record<string, unknown>) => ({ message: { message_id: 1000 + updateId, date: 0, chat, from, ...content } });
  return {
    get state() {
      return state;
    },
    send: (text) =>
      run(message({ text, ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] } : {}) }) as never),
    press: (data, messageText = 'old') =>
      run({ callback_query: { id: `cb${updateId}`, from, chat_instance: 'ci', data, message: { message_id: 7, date: 0, chat, text: messageText } } } as never),
    location: (latitude, longitude) => run(message({ location: { latitude, longitude } }) as never),
  };
};
