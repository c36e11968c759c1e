// What a user hears when a peer's actor or a timer moves a tandem (reactions, run by the user actor after the domain
// decided): the request card, refusal, decline with its reason, expiry, the tandem start (card + contact or relay)
// and the partner's end with the rating buttons. Driven through createUserBehavior's handle(), as the runtime calls it.
import { describe, expect, it } from 'vitest';
import { OUTBOX_EVENT_TYPES, type TelegramCallQueued } from '../../../../actors/outbox/outboxEvents.js';
import { createHandlers } from '../../../../actors/userActor/bot/handlers/index.js';
import type { UserActorMessage } from '../../../../actors/userActor/messages.js';
import { createMemoryUserDirectory, memoryServices, type PartnerCard } from '../../../../actors/userActor/ports/index.js';
import { createSession, type CommandInput, type UserActorEvent } from '../../../../actors/userActor/session.js';
import { createUserBehavior, evolveUserActor } from '../../../../actors/userActor/userBehavior.js';
import { CALLBACK_DATA_MAX_BYTES } from '../../../../actors/userActor/bot/callbackData.js';
import { peerRef } from '../../../../actors/userActor/bot/peerRef.js';
import type { QueuedPeerCommand } from '../../../../domain/tandem/index.js';
import { REQUEST_TTL_MS } from '../../../../domain/tandem/index.js';
import { initialState, type UserState } from '../../../../domain/user/index.js';
import { BOT_INFO, BOT_TOKEN } from '../fixtures.js';

const NOW = new Date('2026-11-26T10:00:00Z');
const ANNA = '1001';
const BORIS = '2002';

const card = (id: string, firstName: string, username: string | null): PartnerCard => ({
  id,
  status: 'active',
  firstName,
  username,
  native: ['en'],
  learning: [{ code: 'ru', level: 'B1' }],
  interests: ['music'],
  primaryInterests: ['music'],
  availability: { timeZone: 'UTC', days: { kind: 'any' }, slots: ['evening'] },
  styles: ['text'],
  frequency: 'weekly',
  bio: '',
  lastActiveAt: NOW.toISOString(),
});

const profile = (id: string, name: string, languageCode: string, username: string | null): CommandInput[] => [
  { type: 'Start', data: { telegramId: id, firstName: name, username, languageCode } },
  { type: 'SetNativeLanguages', data: { languages: [languageCode === 'ru' ? 'ru' : 'en'] } },
  { type: 'SetLearningLanguages', data: { languages: [{ code: languageCode === 'ru' ? 'en' : 'ru', level: 'B1' }] } },
  { type: 'SetInterests', data: { interests: ['music'], primary: ['music'] } },
  { type: 'SetAvailability', data: { availability: { timeZone: 'UTC', days: { kind: 'any' }, slots: ['evening'] } } },
  { type: 'SetCommunication', data: { styles: ['text'], frequency: 'weekly' } },
] as CommandInput[];

/** A state decided from commands, as the user's own actor would have folded it. */
const stateOf = (id: string, commands: readonly CommandInput[], at = NOW): UserState => {
  const session = createSession(id, initialState(), at, 'tg:1');
  for (const command of commands) session.decide(command);
  return session.output.reduce(evolveUserActor, initialState());
};

const behaviorFor = (clock: Date, cards: readonly PartnerCard[]) =>
  createUserBehavior({
    token: BOT_TOKEN,
    botInfo: BOT_INFO,
    handlers: createHandlers(),
    clock: () => clock,
    services: memoryServices({ directory: createMemoryUserDirectory({ cards }) }),
  });

const fromPeer = (commandId: string, command: QueuedPeerCommand): UserActorMessage => ({ kind: 'command', id: `cmd:${commandId}`, commandId, command });

const calls = (output: readonly UserActorEvent[]): TelegramCallQueued[] =>
  output.filter((event) => event.type === OUTBOX_EVENT_TYPES.telegramCall).map((event) => event.data as TelegramCallQueued);

const textOf = (call: TelegramCallQueued): string => String(call.payload.text);
const buttonsOf = (call: TelegramCallQueued): { text: string; callback_data?: string; url?: string }[] =>
  ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

const REQUEST = 'tandem:tg:77';

/** Boris (the target, Russian) with Anna's request recorded. */
const borisWithRequest = async () => {
  const behavior = behaviorFor(NOW, [card(ANNA, 'Anna', 'anna_lex')]);
  const state = stateOf(BORIS, profile(BORIS, 'Борис', 'ru', null));
  const output = await behavior.handle(fromPeer('tandem:tg:77:request', { type: 'ReceivePartnerRequest', data: { from: ANNA, to: BORIS, requestId: REQUEST } }), state, `user:${BORIS}`);
  return { behavior, output, state: output.reduce(evolveUserActor, state) };
};

/** Anna (the requester, English) who sent a request to Boris. */
const annaWithRequest = (username: string | null) =>
  stateOf(ANNA, [...profile(ANNA, 'Anna', 'en', username), { type: 'RequestPartner', data: { target: BORIS } } as CommandInput]);

describe('reactions to requests', () => {
  it('shows the target the requester’s card with Accept / Decline / Block / Report, in the target’s language', async () => {
    const { output } = await borisWithRequest();
    const [sent, ...rest] = calls(output);
    expect(rest).toEqual([]);
    expect(sent?.method).toBe('sendMessage');
    expect(sent?.chatId).toBe(Number(BORIS));
    expect(textOf(sent!)).toContain('Anna');
    expect(textOf(sent!)).toContain('хочет практиковаться');
    expect(textOf(sent!)).not.toContain('anna_lex');
    expect(buttonsOf(sent!).map((button) => button.text)).toEqual(['Принять', 'Отклонить', 'Заблокировать', 'Пожаловаться']);
    // The requester is named by the target's reference to her, never by her Telegram id.
    expect(buttonsOf(sent!).map((button) => button.callback_data)).toEqual(expect.arrayContaining([`sf:block:${peerRef(BOT_TOKEN, BORIS, ANNA)}`, `sf:report:${peerRef(BOT_TOKEN, BORIS, ANNA)}`]));
    expect(JSON.stringify(sent)).not.toContain(ANNA);
    for (const button of buttonsOf(sent!)) expect(Buffer.byteLength(button.callback_data ?? '')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  });

  it('sends no card when the withdrawal overtook the request', async () => {
    const behavior = behaviorFor(NOW, [card(ANNA, 'Anna', null)]);
    const state = stateOf(BORIS, profile(BORIS, 'Борис', 'ru', null));
    const output = await behavior.handle(
      fromPeer('tandem:tg:77:close:requester', { type: 'CloseTandem', data: { from: ANNA, requestId: REQUEST, expired: false, reason: 'by_peer' } }),
      state,
      `user:${BORIS}`,
    );
    expect(output.map((event) => event.type).filter((type) => !type.startsWith('Outbox'))).toEqual(['PartnerRequestReceived', 'PartnerRequestCancelled']);
    expect(calls(output)).toEqual([]);
  });

  it('tells the requester of a decline with its reason, and of a refusal on arrival', async () => {
    const behavior = behaviorFor(NOW, [card(BORIS, 'Борис', null)]);
    const anna = annaWithRequest(null);
    const requestId = anna.tandems[0]!.id;
    const declined = calls(await behavior.handle(fromPeer(`${requestId}:decline`, { type: 'NotifyDeclined', data: { from: BORIS, requestId, reason: 'no_time' } }), anna, `user:${ANNA}`));
    expect(declined.map(textOf)).toEqual(['\u2068Борис\u2069 declined your request. Reason: No time right now']);
    const rejected = calls(await behavior.handle(fromPeer(`${requestId}:reject`, { type: 'RejectPartnerRequest', data: { from: BORIS, requestId, reason: 'unavailable' } }), anna, `user:${ANNA}`));
    expect(rejected.map(textOf)).toEqual([expect.stringContaining('was not delivered')]);
  });

  it('tells each side of a request closed because the other became unavailable as its own side: "your request to" or "the request from"', async () => {
    const { state: boris } = await borisWithRequest();
    const toTarget = calls(
      await behaviorFor(NOW, [card(ANNA, 'Anna', null)]).handle(
        fromPeer(`${REQUEST}:close:requester`, { type: 'CloseTandem', data: { from: ANNA, requestId: REQUEST, expired: false, reason: 'peer_unavailable' } }),
        boris,
        `user:${BORIS}`,
      ),
    );
    expect(toTarget.map(textOf)).toEqual(['Запрос от пользователя \u2068Anna\u2069 закрыт: собеседник больше недоступен.']);
    const anna = annaWithRequest(null);
    const requestId = anna.tandems[0]!.id;
    const toRequester = calls(
      await behaviorFor(NOW, [card(BORIS, 'Борис', null)]).handle(
        fromPeer(`${requestId}:close:target`, { type: 'CloseTandem', data: { from: BORIS, requestId, expired: false, reason: 'peer_unavailable' } }),
        anna,
        `user:${ANNA}`,
      ),
    );
    expect(toRequester.map(textOf)).toEqual(['Your request to \u2068Борис\u2069 is closed: they are no longer available.']);
  });

  it('tells each side of the expiry: the requester from its timer, the target from the requester’s CloseTandem', async () => {
    const later = new Date(NOW.getTime() + REQUEST_TTL_MS + 1000);
    const anna = annaWithRequest(null);
    const requestId = anna.tandems[0]!.id;
    const annaOut = await behaviorFor(later, [card(BORIS, 'Борис', null)]).handle(
      { kind: 'timer', id: 'timer:x', timerId: `${requestId}:expire:requester`, fireAt: later.toISOString(), command: { type: 'ExpireRequest', data: { requestId } } },
      anna,
      `user:${ANNA}`,
    );
    expect(calls(annaOut).map(textOf)).toEqual([expect.stringMatching(/Your request to .*Борис.* expired/u)]);
    const close = annaOut.find((event) => event.type === 'CrossActorCommandQueued')!.data as { commandId: string; command: QueuedPeerCommand };

    const { state: boris } = await borisWithRequest();
    const borisRecord = boris.tandems[0]!;
    const borisOut = await behaviorFor(later, [card(ANNA, 'Anna', null)]).handle(
      fromPeer(close.commandId, { ...close.command, data: { ...close.command.data, requestId: borisRecord.id } } as QueuedPeerCommand),
      boris,
      `user:${BORIS}`,
    );
    expect(calls(borisOut).map(textOf)).toEqual([expect.stringMatching(/Запрос от .*Anna.* истёк/u)]);
  });
});

describe('reactions to the tandem', () => {
  it('starts a contact tandem for the requester: accepted, the partner’s card, a t.me link', async () => {
    const anna = annaWithRequest('anna_lex');
    const requestId = anna.tandems[0]!.id;
    const output = await behaviorFor(NOW, [card(BORIS, 'Борис', 'boris_lex')]).handle(
      fromPeer(`${requestId}:accept`, { type: 'ConfirmAcceptance', data: { from: BORIS, requestId, peerHasUsername: true } }),
      anna,
      `user:${ANNA}`,
    );
    const sent = calls(output);
    expect(sent).toHaveLength(2);
    expect(textOf(sent[0]!)).toMatch(/Борис.* accepted your request/u);
    expect(buttonsOf(sent[0]!).map((button) => button.callback_data)).toEqual([`sf:block:${peerRef(BOT_TOKEN, ANNA, BORIS)}`, `sf:report:${peerRef(BOT_TOKEN, ANNA, BORIS)}`]);
    expect(textOf(sent[1]!)).toContain('@boris_lex');
    expect(buttonsOf(sent[1]!)[0]?.url).toBe('https://t.me/boris_lex');
  });

  it('starts a relay tandem for the target with the relay instructions, and never shows a username there', async () => {
    const { behavior, state } = await borisWithRequest();
    const accepted = await behavior.handle(
      { kind: 'update', id: 'tg:500', update: acceptPress(state.tandems[0]!.id) },
      state,
      `user:${BORIS}`,
    );
    const afterAccept = accepted.reduce(evolveUserActor, state);
    expect(afterAccept.tandems[0]!.status).toBe('accepted');
    const output = await behavior.handle(
      fromPeer(`${REQUEST}:activate`, { type: 'ActivateTandem', data: { from: ANNA, requestId: REQUEST, channel: 'relay' } }),
      afterAccept,
      `user:${BORIS}`,
    );
    const sent = calls(output);
    expect(sent.map(textOf)).toEqual([expect.stringContaining('Anna'), expect.stringContaining('с подписью только вашим именем')]);
    expect(sent.map(textOf).join('\n')).not.toContain('anna_lex');
  });

  it('asks for a rating when the partner ends the tandem', async () => {
    const anna = annaWithRequest(null);
    const requestId = anna.tandems[0]!.id;
    const behavior = behaviorFor(NOW, [card(BORIS, 'Борис', null)]);
    const started = (await behavior.handle(fromPeer(`${requestId}:accept`, { type: 'ConfirmAcceptance', data: { from: BORIS, requestId, peerHasUsername: false } }), anna, `user:${ANNA}`)).reduce(
      evolveUserActor,
      anna,
    );
    expect(started.tandems[0]!.status).toBe('active');
    const output = await behavior.handle(
      fromPeer(`${requestId}:close:target`, { type: 'CloseTandem', data: { from: BORIS, requestId, expired: false, reason: 'by_peer' } }),
      started,
      `user:${ANNA}`,
    );
    const [sent] = calls(output);
    expect(textOf(sent!)).toMatch(/Борис.* ended the tandem/u);
    expect(buttonsOf(sent!).map((button) => button.text)).toEqual(['1 ★', '2 ★', '3 ★', '4 ★', '5 ★']);
  });
});

describe('reactions when a partner leaves', () => {
  it('tells of a partner who became unavailable (banned, forgotten) without saying why, and still asks for a rating', async () => {
    const anna = annaWithRequest(null);
    const requestId = anna.tandems[0]!.id;
    const behavior = behaviorFor(NOW, [card(BORIS, 'Борис', null)]);
    const started = (await behavior.handle(fromPeer(`${requestId}:accept`, { type: 'ConfirmAcceptance', data: { from: BORIS, requestId, peerHasUsername: false } }), anna, `user:${ANNA}`)).reduce(
      evolveUserActor,
      anna,
    );
    const output = await behavior.handle(
      fromPeer(`${requestId}:close:target`, { type: 'CloseTandem', data: { from: BORIS, requestId, expired: false, reason: 'peer_unavailable' } }),
      started,
      `user:${ANNA}`,
    );
    const [sent, ...rest] = calls(output);
    expect(rest).toEqual([]);
    expect(textOf(sent!)).toContain('has ended: they are no longer available.');
    expect(textOf(sent!)).not.toMatch(/bann|block|delet/iu);
    expect(buttonsOf(sent!)).toHaveLength(5);
  });
});

/** Boris presses Accept on the card (a callback query update). */
const acceptPress = (requestId: string) =>
  ({
    update_id: 500,
    callback_query: {
      id: 'cb-500',
      from: { id: Number(BORIS), is_bot: false, first_name: 'Борис', language_code: 'ru' },
      chat_instance: '1',
      data: `rq:accept:${requestId.replace(/^tandem:/, '').replaceAll(':', '.')}`,
      message: { message_id: 3, date: 1, chat: { id: Number(BORIS), type: 'private' }, text: 'card' },
    },
  }) as never;
