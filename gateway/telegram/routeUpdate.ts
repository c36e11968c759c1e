// Whose mailbox an update belongs to. One table, one row per update type: the fields that hold the acting user, then
// the fields that hold a chat to fall back on. Typed against grammY's Update so a new update type in the Bot API is
// a compile error here until it has a row. Types we do not know yet still get a best-effort generic lookup.
import type { Update } from 'grammy/types';

export type UpdateType = Exclude<keyof Update, 'update_id'>;

export type Route =
  | { readonly kind: 'user'; readonly id: number; readonly type: string }
  | { readonly kind: 'chat'; readonly id: number; readonly type: string }
  | { readonly kind: 'none'; readonly type: string };

interface RouteSpec {
  /** Dotted paths to objects whose `id` is the acting user. */
  readonly user: readonly string[];
  /** Dotted paths to chat objects, used when no user is present (channel posts, anonymous admins, counts). */
  readonly chat: readonly string[];
}

const message: RouteSpec = { user: ['from'], chat: ['sender_chat', 'chat'] };

const ROUTES = {
  message,
  edited_message: message,
  channel_post: message,
  edited_channel_post: message,
  business_message: message,
  edited_business_message: message,
  guest_message: message,
  business_connection: { user: ['user'], chat: [] },
  deleted_business_messages: { user: [], chat: ['chat'] },
  stopped_message_generation: { user: [], chat: ['chat'] },
  message_reaction: { user: ['user'], chat: ['actor_chat', 'chat'] },
  message_reaction_count: { user: [], chat: ['chat'] },
  inline_query: { user: ['from'], chat: [] },
  chosen_inline_result: { user: ['from'], chat: [] },
  callback_query: { user: ['from'], chat: ['message.chat'] },
  shipping_query: { user: ['from'], chat: [] },
  pre_checkout_query: { user: ['from'], chat: [] },
  purchased_paid_media: { user: ['from'], chat: [] },
  poll: { user: [], chat: [] },
  poll_answer: { user: ['user'], chat: ['voter_chat'] },
  my_chat_member: { user: ['from'], chat: ['chat'] },
  chat_member: { user: ['from'], chat: ['chat'] },
  chat_join_request: { user: ['from'], chat: ['chat'] },
  chat_boost: { user: ['boost.source.user'], chat: ['chat'] },
  removed_chat_boost: { user: ['source.user'], chat: ['chat'] },
  managed_bot: { user: ['user'], chat: [] },
  subscription: { user: ['user'], chat: [] },
} as const satisfies Record<UpdateType, RouteSpec>;

/** Every update type the router understands: what we ask Telegram for (`allowed_updates`). */
export const ALLOWED_UPDATES = Object.keys(ROUTES) as UpdateType[];

const GENERIC: RouteSpec = { user: ['from', 'user'], chat: ['chat', 'message.chat'] };

const at = (value: unknown, path: string): unknown => {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

const idAt = (value: unknown, path: string): number | undefined => {
  const id = at(value, `${path}.id`);
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
};

const isKnown = (type: string): type is UpdateType => Object.hasOwn(ROUTES, type);

export const routeUpdate = (update: Readonly<Record<string, unknown>>): Route => {
  const type = Object.keys(update).find((key) => key !== 'update_id' && typeof update[key] === 'object' && update[key] !== null);
  if (type === undefined) return { kind: 'none', type: 'empty' };
  const spec: RouteSpec = isKnown(type) ? ROUTES[type] : GENERIC;
  const body = update[type];
  for (const path of spec.user) {
    const id = idAt(body, path);
    if (id !== undefined) return { kind: 'user', id, type };
  }
  for (const path of spec.chat) {
    const id = idAt(body, path);
    if (id !== undefined) return { kind: 'chat', id, type };
  }
  return { kind: 'none', type };
};
