// Random runs of several users' actors for property tests: user commands, timers and deliveries in any order.
import fc from 'fast-check';
import { REQUEST_TTL_MS } from '../../../domain/tandem/index.js';
import { assertInvariants, type UserCommand, type UserState } from '../../../domain/user/index.js';
import { createNetwork, type Network } from './network.js';
import { activeEvents, HOUR, T0 } from './users.js';

export const USERS = ['1001', '2002', '3003', '4004'] as const;

export type Step =
  | { readonly kind: 'user'; readonly user: number; readonly action: Action; readonly other: number; readonly pick: number; readonly n: number }
  | { readonly kind: 'deliver'; readonly index: number; readonly again: boolean }
  | { readonly kind: 'wait'; readonly hours: number };

const ACTIONS = [
  'RequestPartner', 'RequestPartner', 'AcceptRequest', 'AcceptRequest', 'DeclineRequest', 'CancelRequest', 'ExpireRequest',
  'EndTandem', 'RateTandem', 'BlockUser', 'UnblockUser', 'PauseProfile', 'ResumeProfile', 'BanUser', 'UnbanUser', 'ForgetUser',
  'CompleteProfile',
] as const;
type Action = (typeof ACTIONS)[number];

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('user' as const), user: fc.nat(USERS.length - 1), action: fc.constantFrom(...ACTIONS), other: fc.nat(USERS.length - 1), pick: fc.nat(), n: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), index: fc.nat(), again: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 60 }) }) },
);

const commandFor = (step: Extract<Step, { kind: 'user' }>, state: UserState, id: string, now: Date): UserCommand => {
  const meta = { now, commandId: id };
  const record = state.tandems.length === 0 ? undefined : state.tandems[step.pick % state.tandems.length];
  // Half the time, aim at the peer of an existing tandem, so blocks and requests often meet open tandems.
  const target = record !== undefined && step.n % 2 === 0 ? record.peer : (USERS[step.other] as string);
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
export const run = (steps: readonly Step[]): { net: Network; now: Date } => {
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

export const stepsArb = fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'medium' });
