import { describe, expect, it } from 'vitest';
import { queuedCommands, REQUEST_TTL_MS, tandemIdFor, timersFor } from '../../../domain/tandem/index.js';
import { decide, fold } from '../../../domain/user/index.js';
import { activeEvents, command, later, ME, PEER } from '../support/users.js';

describe('timers and outbox of a decision', () => {
  it('a request schedules its expiry on each side, with ids stable across re-scheduling', () => {
    const requested = decide(command('RequestPartner', { target: PEER }, 'tg:9'), fold(activeEvents(ME)));
    const id = tandemIdFor('tg:9');
    expect(timersFor(requested)).toEqual([
      { timerId: `${id}:expire:requester`, dueAt: later(REQUEST_TTL_MS), command: { type: 'ExpireRequest', data: { requestId: id } } },
    ]);
    const [message] = queuedCommands(requested);
    expect(message?.target).toBe(PEER);
    const received = decide({ ...message!.command, meta: { now: later(5_000), commandId: message!.commandId } } as never, fold(activeEvents(PEER)));
    expect(timersFor(received).map((t) => [t.timerId, t.dueAt])).toEqual([[`${id}:expire:target`, later(REQUEST_TTL_MS + 5_000)]]);
  });

  it('the timer it schedules expires the request when it fires', () => {
    const state = fold(activeEvents(ME));
    const requested = decide(command('RequestPartner', { target: PEER }, 'tg:9'), state);
    const [timer] = timersFor(requested);
    const after = fold(requested, state);
    if (timer?.command.type !== 'ExpireRequest') throw new Error('expected the expiry timer first');
    const expired = decide({ ...timer.command, meta: { now: timer.dueAt, commandId: timer.timerId } }, after);
    expect(expired.map((e) => e.type)).toEqual(['PartnerRequestExpired', 'CrossActorCommandQueued']);
  });
});
