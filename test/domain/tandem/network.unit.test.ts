// Model-based properties of the tandem handshake across several users' actors: random user commands, timers and
// deliveries in any order (with redeliveries) never produce an invalid state, both sides agree once messages
// settle, no request survives a block, and every state equals the fold of its own (JSON round-tripped) log.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpen, REQUEST_TTL_MS, type TandemStatus } from '../../../domain/tandem/index.js';
import { assertInvariants, fold, type UserCommand, type UserState } from '../../../domain/user/index.js';
import { createNetwork, type Network } from '../support/network.js';
import { activeEvents, HOUR, startedEvents, T0 } from '../support/users.js';

const USERS = ['1001', '2002', '3003', '4004'] as const;

type Step =
  | { readonly kind: 'user'; readonly user: number; readonly action: Action; readonly other: number; readonly pick: number; readonly n: number }
  | { readonly kind: 'deliver'; readonly index: number; readonly again: boolean }
  | { readonly kind: 'wait'; readonly hours: number };

const ACTIONS = [
  'RequestPartner', 'RequestPartner', 'AcceptRequest', 'AcceptRequest', 'DeclineRequest', 'CancelRequest', 'ExpireRequest',
  'EndTandem', 'RateTandem', 'BlockUser', 'UnblockUser', 'PauseProfile', 'ResumeProfile', 'BanUser', 'UnbanUser', 'ForgetUser',
  'CompleteProfile',
] as const;
type Action = (typeof ACTIONS)[number];

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('user' as const), user: fc.nat(USERS.length - 1), action: fc.constantFrom(...ACTIONS), other: fc.nat(USERS.length - 1), pick: fc.nat(), n: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), index: fc.nat(), again: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 60 }) }) },
);

const commandFor = (step: Extract<Step, { kind: 'user' }>, state: UserState, id: string, now: Date): UserCommand => {
  const meta = { now, commandId: id };
  const target = USERS[step.other] as string;
  const record = state.tandems.length === 0 ? undefined : state.tandems[step.pick % state.tandems.length];
  const requestId = record?.id ?? 'tandem:none';
  switch (step.action) {
    case 'RequestPartner':
      return { type: 'RequestPartner', data: { target }, meta };
    case 'AcceptRequest':
    case 'CancelRequest':
    case 'ExpireRequest':
    case 'EndTandem':
      return { type: step.action, data: { requestId }, meta };
    case 'DeclineRequest':
      return { type: 'DeclineRequest', data: { requestId, reason: step.n % 2 === 0 ? null : 'no_time' }, meta };
    case 'RateTandem':
      return { type: 'RateTandem', data: { requestId, rating: step.n, comment: null }, meta };
    case 'BlockUser':
    case 'UnblockUser':
      return { type: step.action, data: { target }, meta };
    case 'BanUser':
      return { type: 'BanUser', data: { reason: 'spam' }, meta };
    case 'PauseProfile':
    case 'ResumeProfile':
    case 'UnbanUser':
    case 'ForgetUser':
      return { type: step.action, data: {}, meta };
    case 'CompleteProfile':
      return { type: 'SetCommunication', data: { styles: ['text'], frequency: 'daily' }, meta };
    default: {
      const unknown: never = step.action;
      throw new Error(String(unknown));
    }
  }
};

/** Runs the steps; returns the network and the clock at the end. Invariants are checked after every step. */
const run = (steps: readonly Step[]): { net: Network; now: Date } => {
  // Three active users and one onboarding user missing only the communication section.
  const onboarding = activeEvents('4004').filter((e) => e.type !== 'CommunicationSet' && e.type !== 'OnboardingCompleted');
  const net = createNetwork({ '1001': activeEvents('1001'), '2002': activeEvents('2002', { username: null }), '3003': activeEvents('3003'), '4004': onboarding });
  let now = T0;
  steps.forEach((step, i) => {
    if (step.kind === 'wait') now = new Date(now.getTime() + step.hours * HOUR);
    else if (step.kind === 'deliver') net.deliver(step.index, now, step.again);
    else {
      const user = USERS[step.user] as string;
      const state = net.states.get(user) as UserState;
      const cmd = commandFor(step, state, `c${i}`, now);
      // Timers fire at the due time: move a timer's clock to the expiry when it is later.
      if (cmd.type === 'ExpireRequest') {
        const record = state.tandems.find((t) => t.id === cmd.data.requestId);
        if (record) net.send(user, { ...cmd, meta: { ...cmd.meta, now: new Date(Math.max(now.getTime(), Date.parse(record.requestedAt) + REQUEST_TTL_MS)) } });
      } else net.send(user, cmd);
    }
    for (const state of net.states.values()) assertInvariants(state);
  });
  return { net, now };
};

const steps = fc.array(stepArb, { minLength: 1, maxLength: 80 });
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 300) };

describe('tandem handshake across actors (model-based)', { timeout: 120_000 }, () => {
  it('no sequence of commands and deliveries produces an invalid state', () => {
    fc.assert(fc.property(steps, (s) => void run(s)), RUNS);
  });

  it('once messages settle, both sides agree on every tandem', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { net, now } = run(s);
        net.settle(now);
        const byId = new Map<string, { user: string; status: TandemStatus }[]>();
        for (const [user, state] of net.states)
          for (const t of state.tandems) byId.set(t.id, [...(byId.get(t.id) ?? []), { user, status: t.status }]);
        for (const sides of byId.values()) {
          if (sides.length !== 2) {
            // One side only: the other refused (no record kept), pruned it, or forgot everything; it is closed here.
            expect(sides.every((side) => !isOpen(side.status))).toBe(true);
            continue;
          }
          const [a, b] = sides;
          if (a === undefined || b === undefined) continue;
          expect(isOpen(a.status)).toBe(isOpen(b.status));
          expect(a.status === 'active').toBe(b.status === 'active');
        }
      }),
      RUNS,
    );
  });

  it('no request or tandem survives a block, on either side', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { net, now } = run(s);
        net.settle(now);
        for (const [user, state] of net.states)
          for (const blocked of state.blocked) {
            const mine = state.tandems.filter((t) => t.peer === blocked && isOpen(t.status));
            const theirs = (net.states.get(blocked)?.tandems ?? []).filter((t) => t.peer === user && isOpen(t.status));
            expect([...mine, ...theirs]).toEqual([]);
          }
      }),
      RUNS,
    );
  });

  it('every state equals the fold of its stored (JSON round-tripped) log', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { net } = run(s);
        for (const [user, state] of net.states) expect(fold(JSON.parse(JSON.stringify(net.logs.get(user))))).toEqual(state);
      }),
      RUNS,
    );
  });

  it('redelivering every message that was already applied changes nothing', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { net, now } = run(s);
        net.settle(now);
        const before = JSON.stringify([...net.states]);
        const delivered = [...net.logs.values()].flat().flatMap((e) => (e.type === 'CrossActorCommandQueued' ? [e.data] : []));
        for (const m of delivered) net.send(m.target, { ...m.command, meta: { now, commandId: m.commandId } } as UserCommand);
        expect(net.inFlight.filter((m) => m.command.type !== 'RejectPartnerRequest')).toEqual([]);
        expect(JSON.stringify([...net.states])).toBe(before);
      }),
      RUNS,
    );
  });
});

it('the fixtures start from valid states', () => {
  for (const history of [activeEvents('1001'), startedEvents('1001')]) assertInvariants(fold(history));
});
