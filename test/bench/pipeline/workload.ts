// Realistic updates from many distinct users, and the exact matching of replies to the updates that caused them.
// A new user's first update is /start; a returning user sends mostly free text, some /help and /start, and presses
// inline buttons (callback queries). Each user has at most one update outstanding, and is used again only a while
// after its reply arrived, so the first reply call for a chat (sendMessage with its chat_id) — or for a callback
// query (answerCallbackQuery with its id) — belongs to exactly one update. When no user is free the generator
// brings a new one (added to the emulator first, so replies to it succeed); the population grows with the rate.
import { callbackQueryUpdate, textMessageUpdate } from '../../../gateway/telegramEmulator/index.js';
import type { CallRecord } from './emulatorProcess.js';

export type UpdateKind = 'start' | 'help' | 'text' | 'callback';

export interface Shot {
  readonly updateId: number;
  readonly userId: number;
  readonly kind: UpdateKind;
  readonly body: string;
  /** When the open-loop schedule meant to send it (ms, high-resolution epoch clock). */
  scheduledAt: number;
  sentAt?: number;
  ackedAt?: number;
  status?: number;
  repliedAt?: number;
  replyOk?: boolean;
  /** Acked (and, when replies are expected, answered) or failed. */
  done: boolean;
}

interface User {
  readonly id: number;
  readonly first_name: string;
  readonly language_code: string;
  known: boolean;
  freeAt: number;
}

const NAMES = ['Olga', 'Ivan', 'Maria', 'Kenji', 'Amara', 'Lucas', 'Chen', 'Fatima', 'Sven', 'Priya', 'Diego', 'Aiko'];
const LANGUAGES = ['en', 'ru', 'es', 'de', 'fr', 'ja', 'pt', 'it', 'zh', 'ar'];
const TEXTS = ['hello', 'hi! how does this work?', 'I want to practise Spanish', 'привет', '¿hola, qué tal?', 'thanks', 'ok', 'is anyone there?'];
const BUTTONS = ['lang:es', 'find:next', 'profile:edit', 'menu:main'];

/**
 * A clock in epoch milliseconds with sub-millisecond resolution. The generator and the emulator run in separate
 * processes; on one machine both read the same epoch-based clock this way (each process's timeOrigin is taken from
 * the system clock when it starts), so their timestamps compare.
 */
export const now = (): number => performance.timeOrigin + performance.now();

export interface WorkloadOptions {
  /** The Bot API emulator (in its own process): a user is added before its first update, so replies to it succeed. */
  readonly emulator: { addChat(chat: { readonly id: number; readonly first_name: string }): void } | undefined;
  /** Replies are expected (the pipeline) or not (the bare ingest route: an update is done when acked). */
  readonly expectReplies: boolean;
  /** A user is used again only this long after its update was done. */
  readonly cooldownMs: number;
  readonly firstUserId: number;
  /** Keep every Bot API call by chat or callback query id (callsFor), for tracing updates left without a reply. */
  readonly keepCalls?: boolean;
}

export const createWorkload = (options: WorkloadOptions) => {
  const users: User[] = [];
  const free: User[] = [];
  const byChat = new Map<number, Shot>();
  const byCallback = new Map<string, Shot>();
  const userOf = new Map<Shot, User>();
  let nextUpdateId = 1;
  let seed = 42;
  let unmatched = 0;
  // For tracing an update left without a reply: every shot by update id, and every call by its key (chat or query id).
  const shots = new Map<number, Shot>();
  const callsByKey = new Map<string, CallRecord[]>();
  const random = (): number => {
    // xorshift: the same sequence every run.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const release = (shot: Shot): void => {
    shot.done = true;
    const user = userOf.get(shot);
    userOf.delete(shot);
    if (user === undefined) return;
    user.freeAt = now() + options.cooldownMs;
    free.push(user);
  };

  const nextUser = (): User => {
    const first = free[0];
    if (first !== undefined && first.freeAt <= now()) {
      free.shift();
      return first;
    }
    const id = options.firstUserId + users.length;
    const user: User = { id, first_name: pick(NAMES), language_code: pick(LANGUAGES), known: false, freeAt: 0 };
    users.push(user);
    options.emulator?.addChat({ id, first_name: user.first_name });
    return user;
  };

  return {
    /** The next update to send, scheduled at `scheduledAt`. */
    next(scheduledAt: number): Shot {
      const user = nextUser();
      const roll = random();
      const kind: UpdateKind = !user.known ? 'start' : roll < 0.5 ? 'text' : roll < 0.65 ? 'help' : roll < 0.75 ? 'start' : 'callback';
      user.known = true;
      const from = { id: user.id, first_name: user.first_name, language_code: user.language_code };
      const updateId = nextUpdateId;
      nextUpdateId += 1;
      const payload = kind === 'callback' ? callbackQueryUpdate(from, pick(BUTTONS)) : textMessageUpdate(from, kind === 'start' ? '/start' : kind === 'help' ? '/help' : pick(TEXTS));
      const shot: Shot = { updateId, userId: user.id, kind, body: JSON.stringify({ update_id: updateId, ...payload }), scheduledAt, done: false };
      userOf.set(shot, user);
      shots.set(updateId, shot);
      if (options.expectReplies) {
        if (kind === 'callback') byCallback.set(String((payload.callback_query as { id: string }).id), shot);
        else byChat.set(user.id, shot);
      }
      return shot;
    },
    /** The webhook answered (or the request failed: status 0). */
    acked(shot: Shot, status: number, at: number): void {
      shot.ackedAt = at;
      shot.status = status;
      if (status !== 200) {
        // Not accepted: no reply will come (Telegram would retry; the benchmark counts it as an error).
        byChat.delete(shot.userId);
        for (const [id, pending] of byCallback) if (pending === shot) byCallback.delete(id);
        release(shot);
      } else if (!options.expectReplies || shot.repliedAt !== undefined) release(shot);
    },
    /** Every Bot API call the emulator records. */
    observe(call: CallRecord): void {
      const [method, key, at, ok] = call;
      if (options.keepCalls === true) {
        const seen = callsByKey.get(key);
        if (seen === undefined) callsByKey.set(key, [call]);
        else seen.push(call);
      }
      let shot: Shot | undefined;
      if (method === 'sendMessage') {
        const chatId = Number(key);
        shot = byChat.get(chatId);
        byChat.delete(chatId);
      } else if (method === 'answerCallbackQuery') {
        shot = byCallback.get(key);
        byCallback.delete(key);
      }
      if (shot === undefined) {
        unmatched += 1;
        return;
      }
      shot.repliedAt = at;
      shot.replyOk = ok;
      if (shot.ackedAt !== undefined) release(shot);
    },
    users: (): number => users.length,
    /** The update sent with this id (and what became of it so far). */
    shot: (updateId: number): Shot | undefined => shots.get(updateId),
    /** Every Bot API call recorded for a chat id or callback query id, oldest first (none without keepCalls). */
    callsFor: (key: string): readonly CallRecord[] => callsByKey.get(key) ?? [],
    unmatched: (): number => unmatched,
  };
};

export type Workload = ReturnType<typeof createWorkload>;
