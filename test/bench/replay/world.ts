// A realistic event log, produced by driving the domain's deciders (never by writing rows): users start, fill their
// profiles, request partners who speak what they learn, accept or decline, start, end and rate tandems, report,
// send feedback, pause, get banned, ask to be forgotten. Each user command also queues one Telegram reply in the same
// append (the outbox), as the user actor does. Deterministic for a seed (ids and times included), so two runs
// generate the same log. Peer commands are delivered at once, in order, as the dispatcher would.
import type { AppendRequest, NewEvent } from '../../../actors/eventStore/types.js';
import { OUTBOX_EVENT_TYPES, OUTBOX_SCHEMA_VERSION } from '../../../actors/outbox/outboxEvents.js';
import type { Availability } from '../../../domain/availability/index.js';
import { COMMUNICATION_STYLES, FREQUENCIES } from '../../../domain/communication/index.js';
import { isDomainError } from '../../../domain/errors.js';
import { toStored } from '../../../domain/events/index.js';
import { INTEREST_IDS } from '../../../domain/interests/index.js';
import { CEFR_LEVELS, LANGUAGE_CODES } from '../../../domain/languages/index.js';
import { decide, evolve, initialState, userStreamName, type UserCommand, type UserEvent, type UserState } from '../../../domain/user/index.js';

/** mulberry32: small, fast, seedable. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const ZONES = ['Europe/Berlin', 'Europe/Moscow', 'America/New_York', 'Asia/Tokyo', 'America/Sao_Paulo', 'Asia/Kolkata', 'Europe/Madrid', 'UTC'];
const SLOTS = ['morning', 'day', 'evening', 'late'] as const;
const DAYS = [{ kind: 'any' }, { kind: 'weekdays' }, { kind: 'weekends' }, { kind: 'days', days: ['mon', 'wed', 'fri'] }] as const;
const POPULAR = LANGUAGE_CODES.slice(0, 12);

export interface WorldOptions {
  readonly seed?: number;
  /** Stop once this many events (outbox entries included) were produced. */
  readonly events: number;
  /** About one user per this many events. */
  readonly eventsPerUser?: number;
  readonly start?: Date;
  /** Distinct worlds (0–9) can share one store: different user ids and event ids. */
  readonly namespace?: number;
}

interface Actor {
  state: UserState;
  version: number;
}

export interface WorldStats {
  users: number;
  events: number;
  outboxEvents: number;
  refusals: number;
}

/** Yields appends in the order the actors commit them. */
export function* generateWorld(options: WorldOptions): Generator<AppendRequest, WorldStats> {
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const actors = new Map<string, Actor>();
  const ids: string[] = [];
  let clock = (options.start ?? new Date('2026-01-05T00:00:00.000Z')).getTime();
  let produced = 0;
  let outbox = 0;
  let refusals = 0;
  let eventCounter = 0;
  let commandCounter = 0;
  const eventsPerUser = options.eventsPerUser ?? 40;
  const namespace = options.namespace ?? 0;
  const eventId = (): string => {
    eventCounter += 1;
    const hex = eventCounter.toString(16).padStart(12, '0');
    return `0000000${namespace}-0000-4000-8000-${hex}`;
  };
  const queue: { target: string; command: UserCommand }[] = [];

  const run = (user: string, command: UserCommand, reply: boolean): AppendRequest | null => {
    const actor = actors.get(user) ?? { state: initialState(), version: 0 };
    let events: readonly UserEvent[];
    try {
      events = decide(command, actor.state);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refusals += 1;
      events = [];
    }
    const stored: NewEvent[] = events.map((e) => ({ id: eventId(), ...toStored(e) }));
    if (reply) {
      stored.push({ id: eventId(), type: OUTBOX_EVENT_TYPES.telegramCall, schemaVersion: OUTBOX_SCHEMA_VERSION, data: { method: 'sendMessage', payload: { chat_id: Number(user), text: 'ok' }, chatId: Number(user) } });
      outbox += 1;
    }
    if (stored.length === 0) return null;
    for (const e of events) {
      actor.state = evolve(actor.state, e);
      if (e.type === 'CrossActorCommandQueued') {
        queue.push({ target: e.data.target, command: { ...e.data.command, meta: { now: new Date(clock), commandId: e.data.commandId } } as UserCommand });
      }
    }
    const request: AppendRequest = { stream: userStreamName(user), expected: actor.version, events: stored };
    actor.version += stored.length;
    actors.set(user, actor);
    produced += stored.length;
    return request;
  };

  const meta = () => ({ now: new Date(clock), commandId: `tg:${(commandCounter += 1)}` });
  const cmd = <T extends UserCommand['type']>(type: T, data: Extract<UserCommand, { type: T }>['data']): UserCommand =>
    ({ type, data, meta: meta() }) as UserCommand;

  const availability = (): Availability => ({
    timeZone: pick(ZONES),
    days: pick(DAYS),
    slots: [...new Set([pick(SLOTS), pick(SLOTS)])],
  });

  /** The next thing a user does, given where their profile and tandems stand. */
  const nextCommand = (user: string, state: UserState): UserCommand => {
    const p = state.profile;
    if (p.nativeLanguages.length === 0) return cmd('SetNativeLanguages', { languages: [pick(POPULAR)] });
    if (p.learningLanguages.length === 0) {
      const native = p.nativeLanguages[0]!;
      const code = pick(POPULAR.filter((c) => c !== native));
      return cmd('SetLearningLanguages', { languages: [{ code, level: pick(CEFR_LEVELS) }] });
    }
    if (p.interests.length === 0) {
      const chosen = [...new Set([pick(INTEREST_IDS), pick(INTEREST_IDS), pick(INTEREST_IDS)])];
      return cmd('SetInterests', { interests: chosen, primary: chosen.slice(0, 1) });
    }
    if (p.availability === null) return cmd('SetAvailability', { availability: availability() });
    if (p.communicationStyles.length === 0) return cmd('SetCommunication', { styles: [pick(COMMUNICATION_STYLES)], frequency: pick(FREQUENCIES) });
    const open = state.tandems.filter((t) => t.status === 'requested' && t.role === 'target');
    const r = random();
    if (open.length > 0 && r < 0.35) {
      const t = open[0]!;
      return random() < 0.7 ? cmd('AcceptRequest', { requestId: t.id }) : cmd('DeclineRequest', { requestId: t.id, reason: 'no_time' });
    }
    const active = state.tandems.find((t) => t.status === 'active');
    if (active !== undefined && r < 0.45) return cmd('EndTandem', { requestId: active.id });
    const unrated = state.tandems.find((t) => t.status === 'ended' && t.ratingGiven === null);
    if (unrated !== undefined && r < 0.55) return cmd('RateTandem', { requestId: unrated.id, rating: 1 + Math.floor(random() * 5), comment: random() < 0.2 ? 'nice talk' : null });
    if (r < 0.75 && state.status === 'active') {
      // Someone native in what this user learns, preferably learning what this user speaks.
      const learning = p.learningLanguages[0]!.code;
      for (let tries = 0; tries < 8; tries += 1) {
        const other = pick(ids);
        const o = actors.get(other)?.state;
        if (other === user || o === undefined || o.status !== 'active') continue;
        if (o.profile.nativeLanguages.includes(learning) || tries > 5) return cmd('RequestPartner', { target: other });
      }
    }
    if (r < 0.8) return cmd('SetBio', { bio: `I like ${pick(INTEREST_IDS)}` });
    if (r < 0.83) return cmd('SetInterfaceLanguage', { language: random() < 0.5 ? 'en' : 'ru' });
    if (r < 0.845) return state.status === 'paused' ? cmd('ResumeProfile', {}) : cmd('PauseProfile', {});
    if (r < 0.85) return cmd('ReportUser', { target: pick(ids), reason: 'spam', comment: random() < 0.5 ? 'sends ads' : null });
    if (r < 0.855) return cmd('SendFeedback', { text: 'Great bot, thank you!' });
    if (r < 0.857) return cmd('BlockUser', { target: pick(ids) });
    if (r < 0.8585) return cmd('ForgetUser', {});
    if (r < 0.86 && state.status === 'active') return cmd('SetAvailability', { availability: availability() });
    return cmd('RecordActivity', {});
  };

  const drain = function* (): Generator<AppendRequest> {
    while (queue.length > 0) {
      const { target, command } = queue.shift()!;
      const request = run(target, command, false);
      if (request !== null) yield request;
    }
  };

  while (produced < options.events) {
    clock += Math.floor(random() * 20_000);
    const wantUsers = Math.max(10, Math.ceil(produced / eventsPerUser) + 10);
    let request: AppendRequest | null;
    if (ids.length < wantUsers && random() < 0.5) {
      const id = String(100_000_000 * (namespace + 1) + ids.length * 7 + 1);
      ids.push(id);
      request = run(id, cmd('Start', { telegramId: id, firstName: `User ${ids.length}`, username: random() < 0.7 ? `user${ids.length}` : null, languageCode: 'en' }), true);
    } else {
      const user = pick(ids);
      const state = actors.get(user)?.state;
      if (state === undefined || state.status === 'forgotten' || state.status === 'new') continue;
      if (state.status === 'banned') request = run(user, cmd('UnbanUser', {}), false);
      else if (random() < 0.0005) request = run(user, cmd('BanUser', { reason: 'spam' }), false);
      else request = run(user, nextCommand(user, state), true);
    }
    if (request !== null) yield request;
    yield* drain();
  }
  return { users: ids.length, events: produced, outboxEvents: outbox, refusals };
}
