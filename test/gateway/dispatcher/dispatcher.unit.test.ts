// The dispatcher on its in-memory twins (memory event store, in-process mailbox, memory state and timer store) and
// a scripted Bot API caller: outcomes, retries, resends after a restart, malformed outbox events.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { START, compareCheckpoints, type EventStore } from '../../../actors/eventStore/types.js';
import { createInProcessMailbox } from '../../../actors/mailbox/index.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import { createMemoryTimerStore } from '../../../actors/timers/index.js';
import {
  createDispatcher,
  createDispatcherMetrics,
  createMemoryDispatcherState,
  type Dispatcher,
  type DispatcherOptions,
  type MemoryDispatcherState,
  type TelegramCaller,
} from '../../../gateway/dispatcher/index.js';
import { DISPATCH_PHASES } from '../../../gateway/dispatcher/metrics.js';
import { newEvent, sendMessage } from './harness.js';
import { startTurnCounter } from '../../support/turnCounter.js';

const WAIT = { timeout: 10_000, interval: 5 };

interface Call {
  readonly chat: unknown;
  readonly text: unknown;
}

const telegramError = (code: number, description: string): Error & { error_code: number } =>
  Object.assign(new Error(description), { name: 'GrammyError', error_code: code });

describe('dispatcher (in-memory twins)', () => {
  const running: Dispatcher[] = [];
  afterEach(async () => {
    for (const dispatcher of running.splice(0)) await dispatcher.stop();
  });

  const setup = (telegram: TelegramCaller, state: MemoryDispatcherState = createMemoryDispatcherState(), store: EventStore = createMemoryEventStore()) => {
    const registry = new Registry();
    const metrics = createDispatcherMetrics({ registry });
    const make = (overrides: Partial<DispatcherOptions> = {}): Dispatcher => {
      const dispatcher = createDispatcher({
        store,
        mailbox: createInProcessMailbox({ partitions: 2 }),
        telegram,
        state,
        timers: createMemoryTimerStore(),
        logger: pino({ level: 'silent' }),
        metrics,
        backoff: { baseMs: 1, maxMs: 5 },
        ...overrides,
      });
      running.push(dispatcher);
      return dispatcher;
    };
    const count = async (name: string, labels: Record<string, string> = {}): Promise<number> =>
      ((await registry.getSingleMetric(name)?.get())?.values ?? [])
        .filter((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted))
        .reduce((sum, value) => sum + value.value, 0);
    const caughtUp = async (dispatcher: Dispatcher): Promise<void> => {
      const head = await store.headCheckpoint();
      await vi.waitFor(() => expect(compareCheckpoints(dispatcher.status().committed, head)).toBe(0), WAIT);
    };
    return { store, state, make, count, caughtUp };
  };

  it('retries network errors, 5xx and a wrong token until they work; refuses 400/403 at once', async () => {
    const calls: Call[] = [];
    const failures = new Map<unknown, Error[]>([
      [1, [Object.assign(new Error('connect ECONNREFUSED'), { name: 'HttpError' }), telegramError(502, 'Bad Gateway')]],
      [2, [telegramError(401, 'Unauthorized'), telegramError(401, 'Unauthorized')]],
      [3, [telegramError(403, 'Forbidden: bot was blocked by the user')]],
      [4, [telegramError(400, 'Bad Request: message text is empty')]],
    ]);
    const { store, make, count, caughtUp } = setup(async (_method, payload) => {
      calls.push({ chat: payload.chat_id, text: payload.text });
      const next = failures.get(payload.chat_id)?.shift();
      if (next !== undefined) throw next;
      return { message_id: calls.length };
    });
    await store.append('user-1', 'any', [sendMessage(1, 'net'), sendMessage(2, 'token'), sendMessage(3, 'blocked'), sendMessage(4, 'empty')]);
    const dispatcher = make();
    await dispatcher.start();
    await caughtUp(dispatcher);

    expect(calls.filter((call) => call.chat === 1)).toHaveLength(3);
    expect(calls.filter((call) => call.chat === 2)).toHaveLength(3);
    expect(calls.filter((call) => call.chat === 3)).toHaveLength(1);
    expect(calls.filter((call) => call.chat === 4)).toHaveLength(1);
    expect(await count('lexbot_dispatch_total', { outcome: 'sent' })).toBe(2);
    expect(await count('lexbot_dispatch_total', { outcome: 'refused' })).toBe(2);
    expect(await count('lexbot_dispatch_retries_total', { reason: 'network' })).toBe(1);
    expect(await count('lexbot_dispatch_retries_total', { reason: 'server_error' })).toBe(1);
    expect(await count('lexbot_dispatch_retries_total', { reason: 'unauthorized' })).toBe(2);
  });

  it('sends again after a restart only what was claimed and never finished, and counts it', async () => {
    const calls: Call[] = [];
    let hang = true;
    const telegram: TelegramCaller = (_method, payload) => {
      calls.push({ chat: payload.chat_id, text: payload.text });
      // Chat 1's first call never returns while `hang`: a request in flight when the process stops.
      if (payload.chat_id === 1 && hang) return new Promise(() => undefined);
      return Promise.resolve({ ok: true });
    };
    const { store, state, make, count, caughtUp } = setup(telegram);
    await store.append('user-1', 'any', [sendMessage(1, 'a1'), sendMessage(2, 'b1'), sendMessage(1, 'a2'), sendMessage(2, 'b2')]);
    const first = make();
    await first.start();
    await vi.waitFor(() => {
      expect(calls.map((call) => call.text)).toEqual(['a1', 'b1', 'b2']);
      expect(first.status().inFlight).toBe(2);
    }, WAIT);
    await first.stop();
    expect([...state.attempts().entries()].map(([, record]) => [record.attempts, record.outcome])).toEqual([
      [1, undefined],
      [1, 'sent'],
      [1, 'sent'],
    ]);

    hang = false;
    const second = make();
    await second.start();
    await caughtUp(second);
    expect(calls.map((call) => call.text)).toEqual(['a1', 'b1', 'b2', 'a1', 'a2']);
    expect(await count('lexbot_dispatch_resends_total')).toBe(1);
    expect(await count('lexbot_dispatch_total', { outcome: 'already_done' })).toBe(2);
    expect(state.attempts().size).toBe(0);
  });

  it('logs, counts and passes malformed outbox events instead of stalling on them', async () => {
    const calls: Call[] = [];
    const { store, make, count, caughtUp } = setup(async (_method, payload) => {
      calls.push({ chat: payload.chat_id, text: payload.text });
      return {};
    });
    await store.append('user-1', 'any', [
      newEvent(OUTBOX_EVENT_TYPES.telegramCall, { method: 'sendMessage' }),
      newEvent(OUTBOX_EVENT_TYPES.actorCommand, { target: 'nobody', command: {} }),
      newEvent(OUTBOX_EVENT_TYPES.timerScheduled, { timerId: 't', fireAt: 'tomorrow', target: 'user:1', message: {} }),
      sendMessage(5, 'after'),
    ]);
    const dispatcher = make();
    await dispatcher.start();
    await caughtUp(dispatcher);
    expect(calls).toEqual([{ chat: 5, text: 'after' }]);
    expect(await count('lexbot_dispatch_total', { outcome: 'invalid' })).toBe(3);
  });

  it('stops reading the log while maxInFlight entries are unfinished (back-pressure)', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: unknown[] = [];
    const { store, make, caughtUp } = setup(async (_method, payload) => {
      sent.push(payload.text);
      if (payload.chat_id === 1) await held;
      return {};
    });
    for (let i = 1; i <= 4; i += 1) await store.append(`user-${i}`, 'any', [sendMessage(i === 2 ? 2 : 1, `m${i}`)]);
    const log = await store.readAll(START, 10);
    const dispatcher = make({ batchSize: 1, maxInFlight: 2 });
    await dispatcher.start();
    // m1 hangs in chat 1, m2 (chat 2) is done, m3 joins chat 1's lane: two unfinished, so the fourth page waits.
    await vi.waitFor(() => expect(dispatcher.status().inFlight).toBe(2), WAIT);
    // Pages of one event are read back to back; give a wrongly unbounded reader ample time to run ahead.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dispatcher.status().readUpTo).toEqual(log.events[2]!.checkpoint);
    expect(dispatcher.status().committed).toEqual(START);
    release();
    await caughtUp(dispatcher);
    expect(sent).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('stores the timers of a page of the log in one write, and a second schedule of the same timer after the first', async () => {
    const memory = createMemoryTimerStore();
    const writes: string[][] = [];
    const timers = {
      ...memory,
      async scheduleMany(many: Parameters<typeof memory.scheduleMany>[0]) {
        writes.push(many.map((timer) => timer.timerId));
        return memory.scheduleMany(many);
      },
    };
    const { store, make, count, caughtUp } = setup(async () => ({}));
    const timer = (timerId: string, minutes: number) =>
      newEvent(OUTBOX_EVENT_TYPES.timerScheduled, { timerId, fireAt: new Date(Date.now() + minutes * 60_000).toISOString(), target: 'user:1', message: { timerId } });
    const ids = Array.from({ length: 30 }, (_, index) => `remind-${index}`);
    await store.append('user-1', 'any', [...ids.map((id) => timer(id, 60)), timer('remind-0', 90)]);
    const woken: Date[] = [];
    const dispatcher = make({ batchSize: 200, timers, onTimerScheduled: (fireAt) => woken.push(fireAt) });
    await dispatcher.start();
    await caughtUp(dispatcher);

    expect(writes).toEqual([ids, ['remind-0']]);
    expect(await count('lexbot_dispatch_total', { kind: 'timer_scheduled', outcome: 'scheduled' })).toBe(30);
    expect(await count('lexbot_dispatch_total', { kind: 'timer_scheduled', outcome: 'rescheduled' })).toBe(1);
    const stored = await memory.get('remind-0');
    expect(stored?.state).toBe('scheduled');
    // The later event's time won: it was stored after the first.
    expect(stored?.fireAt.getTime()).toBe(Math.max(...woken.map((at) => at.getTime())));
    expect(woken).toHaveLength(31);
  });

  it('stores waiting progress with the next claim, in the same write', async () => {
    const trace: string[] = [];
    const inner = createMemoryDispatcherState();
    const state: MemoryDispatcherState = {
      ...inner,
      async claim(eventIds, progress) {
        trace.push(`claim ${eventIds.length}${progress === undefined ? '' : ` + ${progress.completed.length} done${progress.checkpoint === undefined ? '' : ', checkpoint'}`}`);
        return inner.claim(eventIds, progress);
      },
      async commit(progress) {
        trace.push(`commit ${progress.completed.length} done${progress.checkpoint === undefined ? '' : ', checkpoint'}`);
        return inner.commit(progress);
      },
    };
    const sent: unknown[] = [];
    const { store, make, caughtUp } = setup(async (_method, payload) => {
      sent.push(payload.chat_id);
      return {};
    }, state);
    await store.append('user-1', 'any', [sendMessage(1, 'a'), sendMessage(2, 'b'), sendMessage(3, 'c')]);
    // Progress waits far longer than the test: only a claim (or the stop) can store it.
    const dispatcher = make({ progressDelayMs: 3_600_000 });
    await dispatcher.start();
    await vi.waitFor(() => expect(sent).toHaveLength(3), WAIT);
    await new Promise((resolve) => setImmediate(resolve));
    await store.append('user-2', 'any', [sendMessage(4, 'd')]);
    await vi.waitFor(() => expect(sent).toHaveLength(4), WAIT);
    expect(trace).toEqual(['claim 3', 'claim 1 + 3 done, checkpoint']);
    const firstPage = (await store.readAll(START, 10)).events[2]!.checkpoint;
    expect(await inner.loadCheckpoint()).toEqual(firstPage);
    // Stopping stores the rest (the last call's completion and the checkpoint after it).
    await dispatcher.stop();
    expect(trace).toEqual(['claim 3', 'claim 1 + 3 done, checkpoint', 'commit 1 done, checkpoint']);
    expect(inner.attempts().size).toBe(0);
    await caughtUp(dispatcher);
  });

  it('claims the calls of a page of the log in one write, each before its call, and stores their completions with the checkpoint', async () => {
    const trace: string[] = [];
    const inner = createMemoryDispatcherState();
    const state: MemoryDispatcherState = {
      ...inner,
      async claim(eventIds) {
        trace.push(`claim ${eventIds.length}`);
        return inner.claim(eventIds);
      },
      async commit(progress) {
        trace.push(`commit ${progress.completed.length} done, ${progress.settled.length} settled${progress.checkpoint === undefined ? '' : ', checkpoint'}`);
        return inner.commit(progress);
      },
    };
    const { store, make, caughtUp } = setup(async (_method, payload) => {
      trace.push(`call ${String(payload.chat_id)}`);
      return {};
    }, state);
    const chats = Array.from({ length: 40 }, (_, index) => index + 1);
    await store.append('user-1', 'any', chats.map((chat) => sendMessage(chat, `to ${chat}`)));
    const dispatcher = make({ batchSize: 200 });
    await dispatcher.start();
    await caughtUp(dispatcher);

    // Every call after the one claim of the page that holds it.
    expect(trace[0]).toBe('claim 40');
    expect(trace.filter((line) => line.startsWith('claim'))).toEqual(['claim 40']);
    expect(trace.filter((line) => line.startsWith('call')).sort()).toEqual(chats.map((chat) => `call ${chat}`).sort());
    // Each completion stored exactly once, and the last write moved the checkpoint past all of them and forgot them.
    const commits = trace.filter((line) => line.startsWith('commit'));
    expect(commits.reduce((sum, line) => sum + Number(/commit (\d+) done/.exec(line)![1]), 0)).toBe(40);
    expect(commits.at(-1)).toMatch(/40 settled, checkpoint$/);
    expect(commits.length).toBeLessThan(40);
    expect(inner.attempts().size).toBe(0);
  });

  it('splits each Bot API call\'s dispatch time into its phases, once per call; timers have none', async () => {
    const { store, make, caughtUp } = setup(async () => ({}));
    const registry = new Registry();
    const metrics = createDispatcherMetrics({ registry });
    const fireAt = new Date(Date.now() + 3_600_000).toISOString();
    await store.append('user-1', 'any', [sendMessage(1, 'a'), sendMessage(2, 'b'), newEvent(OUTBOX_EVENT_TYPES.timerScheduled, { timerId: 't', fireAt, target: 'user:1', message: {} })]);
    await store.append('user-2', 'any', [sendMessage(1, 'c')]);
    const dispatcher = make({ metrics });
    await dispatcher.start();
    await caughtUp(dispatcher);

    type Value = { readonly metricName?: string; readonly labels: Record<string, unknown>; readonly value: number };
    const valuesOf = async (name: string): Promise<readonly Value[]> => (await registry.getSingleMetric(name)!.get()).values as readonly Value[];
    const values = await valuesOf('lexbot_dispatch_phase_seconds');
    const counts = Object.fromEntries(DISPATCH_PHASES.map((phase) => [phase, values.find((v) => v.metricName === 'lexbot_dispatch_phase_seconds_count' && v.labels.phase === phase)?.value]));
    expect(counts).toEqual({ visible: 3, read: 3, open: 3, queue: 3, claim: 3, call: 3 });
    const sums = values.filter((v) => v.metricName === 'lexbot_dispatch_phase_seconds_sum');
    expect(sums.every((v) => v.value >= 0)).toBe(true);
    // The whole (every entry, the timer included) is lexbot_dispatch_seconds, as before.
    const whole = (await valuesOf('lexbot_dispatch_seconds')).filter((v) => v.metricName === 'lexbot_dispatch_seconds_count');
    expect(whole.reduce((sum, v) => sum + v.value, 0)).toBe(4);
  });

  it('starts at most maxSendsPerTurn calls of a page in one turn of the event loop, and sends them all', async () => {
    const turns = startTurnCounter();
    const { store, make, caughtUp } = setup(async () => {
      turns.count();
      return {};
    });
    const chats = Array.from({ length: 40 }, (_, index) => index + 1);
    await store.append('user-1', 'any', chats.map((chat) => sendMessage(chat, `to ${chat}`)));
    const dispatcher = make({ batchSize: 200, maxSendsPerTurn: 4 });
    await dispatcher.start();
    await caughtUp(dispatcher);
    turns.stop();
    expect(Math.max(...turns.perTurn().values())).toBe(4);
    expect([...turns.perTurn().values()].reduce((sum, calls) => sum + calls, 0)).toBe(40);
  });
});
