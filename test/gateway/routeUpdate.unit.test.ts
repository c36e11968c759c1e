import { describe, expect, it } from 'vitest';
import { ALLOWED_UPDATES, routeUpdate, sanitizeText } from '../../gateway/index.js';
import { partitionOf } from '../../actors/mailbox/index.js';

const user = { id: 42, is_bot: false, first_name: 'Ana' };
const privateChat = { id: 42, type: 'private' };
const group = { id: -100500, type: 'supergroup', title: 'g' };

describe('routeUpdate', () => {
  it.each([
    ['message', { message: { message_id: 1, date: 1, chat: privateChat, from: user, text: 'hi' } }, { kind: 'user', id: 42 }],
    ['edited_message', { edited_message: { message_id: 1, date: 1, edit_date: 2, chat: privateChat, from: user } }, { kind: 'user', id: 42 }],
    ['channel_post', { channel_post: { message_id: 1, date: 1, chat: { id: -1001, type: 'channel' } } }, { kind: 'chat', id: -1001 }],
    ['business_message', { business_message: { message_id: 1, date: 1, chat: privateChat, from: user } }, { kind: 'user', id: 42 }],
    ['callback_query', { callback_query: { id: 'c', from: user, chat_instance: 'i', data: 'x' } }, { kind: 'user', id: 42 }],
    ['inline_query', { inline_query: { id: 'q', from: user, query: '', offset: '' } }, { kind: 'user', id: 42 }],
    ['chosen_inline_result', { chosen_inline_result: { result_id: 'r', from: user, query: '' } }, { kind: 'user', id: 42 }],
    ['shipping_query', { shipping_query: { id: 's', from: user } }, { kind: 'user', id: 42 }],
    ['pre_checkout_query', { pre_checkout_query: { id: 'p', from: user } }, { kind: 'user', id: 42 }],
    ['poll_answer by a user', { poll_answer: { poll_id: 'p', user, option_ids: [0] } }, { kind: 'user', id: 42 }],
    ['poll_answer by a chat', { poll_answer: { poll_id: 'p', voter_chat: group, option_ids: [0] } }, { kind: 'chat', id: -100500 }],
    ['my_chat_member', { my_chat_member: { chat: privateChat, from: user, date: 1 } }, { kind: 'user', id: 42 }],
    ['chat_member', { chat_member: { chat: group, from: user, date: 1 } }, { kind: 'user', id: 42 }],
    ['chat_join_request', { chat_join_request: { chat: group, from: user, user_chat_id: 42, date: 1 } }, { kind: 'user', id: 42 }],
    ['message_reaction by a user', { message_reaction: { chat: group, message_id: 1, user, date: 1 } }, { kind: 'user', id: 42 }],
    ['message_reaction anonymous', { message_reaction: { chat: group, message_id: 1, actor_chat: { id: -7, type: 'channel' }, date: 1 } }, { kind: 'chat', id: -7 }],
    ['message_reaction_count', { message_reaction_count: { chat: group, message_id: 1, date: 1, reactions: [] } }, { kind: 'chat', id: -100500 }],
    ['chat_boost', { chat_boost: { chat: group, boost: { source: { source: 'premium', user } } } }, { kind: 'user', id: 42 }],
    ['business_connection', { business_connection: { id: 'b', user, user_chat_id: 42, date: 1 } }, { kind: 'user', id: 42 }],
    ['deleted_business_messages', { deleted_business_messages: { business_connection_id: 'b', chat: privateChat, message_ids: [1] } }, { kind: 'chat', id: 42 }],
    ['purchased_paid_media', { purchased_paid_media: { from: user, paid_media_payload: 'x' } }, { kind: 'user', id: 42 }],
    ['an unknown type with a user', { brand_new: { user } }, { kind: 'user', id: 42 }],
    ['poll', { poll: { id: 'p', question: 'q' } }, { kind: 'none' }],
    ['nothing at all', {}, { kind: 'none' }],
  ])('%s', (_name, body, expected) => {
    expect(routeUpdate({ update_id: 1, ...body })).toMatchObject(expected);
  });

  it('asks Telegram for every routed type, including the ones off by default', () => {
    expect(ALLOWED_UPDATES).toEqual(expect.arrayContaining(['message', 'callback_query', 'chat_member', 'message_reaction', 'my_chat_member']));
    expect(ALLOWED_UPDATES).not.toContain('update_id');
  });
});

describe('sanitizeText', () => {
  it('replaces unpaired surrogates and NUL one for one, keeping pairs, RTL marks and emoji', () => {
    const text = '\uD800x\uDC00\u0000/start \u202Bשלום\u202C 👩🏽‍💻';
    const clean = sanitizeText(text);
    expect(clean).toBe('\uFFFDx\uFFFD\uFFFD/start \u202Bשלום\u202C 👩🏽‍💻');
    expect(clean.length).toBe(text.length);
  });
});

describe('partitionOf', () => {
  it('is stable and spreads consecutive ids evenly', () => {
    expect(partitionOf(123456789, 64)).toBe(partitionOf('123456789', 64));
    const counts = new Array<number>(64).fill(0);
    for (let id = 100_000_000; id < 100_064_000; id += 1) counts[partitionOf(id, 64)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});
