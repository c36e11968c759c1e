// Model-based properties of the tandem handshake across several users' actors: random user commands, timers and
// deliveries in any order (with redeliveries) never produce an invalid state, both sides agree once messages
// settle, no request survives a block, and every state equals the fold of its own (JSON round-tripped) log.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpen, type TandemStatus } from '../../../domain/tandem/index.js';
import { assertInvariants, fold, type UserCommand } from '../../../domain/user/index.js';
import { run, stepsArb } from '../support/networkRun.js';
import { activeEvents, startedEvents } from '../support/users.js';

const steps = stepsArb;
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
        // A redelivered request may be answered again (a forgotten user refuses what it once ignored as known), which only
        // adds its id to the dedup memory; profiles, tandems and counters never change.
        const facts = () => JSON.stringify([...net.states].map(([user, { recentCommandIds: _ids, ...rest }]) => [user, rest]));
        const before = facts();
        const delivered = [...net.logs.values()].flat().flatMap((e) => (e.type === 'CrossActorCommandQueued' ? [e.data] : []));
        for (const m of delivered) net.send(m.target, { ...m.command, meta: { now, commandId: m.commandId } } as UserCommand);
        expect(net.inFlight.filter((m) => m.command.type !== 'RejectPartnerRequest')).toEqual([]);
        expect(facts()).toBe(before);
      }),
      RUNS,
    );
  });
});

it('the fixtures start from valid states', () => {
  for (const history of [activeEvents('1001'), startedEvents('1001')]) assertInvariants(fold(history));
});
