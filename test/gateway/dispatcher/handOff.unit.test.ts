// The hand-off's bookkeeping (gateway/dispatcher/handOff.ts) and the actors' side of it (committedAppends.ts).
import { describe, expect, it } from 'vitest';
import type { AppendOutcome, AppendRequest } from '../../../actors/eventStore/types.js';
import { createCommittedAppends, type CommittedAppend } from '../../../actors/outbox/committedAppends.js';
import { OUTBOX_EVENT_TYPES } from '../../../actors/outbox/outboxEvents.js';
import { createStreamVersions, isOwnLane } from '../../../gateway/dispatcher/handOff.js';
import { newEvent, sendMessage } from './harness.js';

describe('stream versions', () => {
  it('takes a first append of an unseen stream, and later ones only right after the version seen', () => {
    const versions = createStreamVersions(10);
    expect(versions.follows('user-1', 1)).toBe(true);
    expect(versions.follows('user-1', 2)).toBe(false);
    versions.seen('user-1', 3);
    expect(versions.follows('user-1', 4)).toBe(true);
    expect(versions.follows('user-1', 3)).toBe(false);
    expect(versions.follows('user-1', 5)).toBe(false);
    // A read of an older page never moves it back.
    versions.seen('user-1', 2);
    expect(versions.follows('user-1', 4)).toBe(true);
    versions.clear();
    expect(versions.follows('user-1', 4)).toBe(false);
  });

  it('forgets the least recently seen stream beyond its bound (its next append then waits for the log)', () => {
    const versions = createStreamVersions(2);
    versions.seen('a', 1);
    versions.seen('b', 1);
    versions.seen('a', 2);
    versions.seen('c', 1);
    expect(versions.follows('a', 3)).toBe(true);
    expect(versions.follows('c', 2)).toBe(true);
    expect(versions.follows('b', 2)).toBe(false);
  });

  it("takes the user's private chat and the stream's own lane, nothing else", () => {
    expect(isOwnLane('user-42', 'chat:42')).toBe(true);
    expect(isOwnLane('user-42', 'stream:user-42')).toBe(true);
    expect(isOwnLane('user-42', 'chat:43')).toBe(false);
    expect(isOwnLane('user-42', 'chat:-10042')).toBe(false);
    expect(isOwnLane('user-42', 'stream:user-43')).toBe(false);
    expect(isOwnLane('tandem-1', 'chat:1')).toBe(false);
    expect(isOwnLane('user-4x', 'chat:4x')).toBe(false);
  });
});

describe('committed appends', () => {
  const ok = (stream: string, nextVersion: number, count: number, duplicate = false): AppendOutcome => ({
    ok: true,
    stream,
    nextVersion,
    positions: Array.from({ length: count }, (_, i) => BigInt(100 + i)),
    duplicate,
  });

  it('offers what committed, with versions, and only the Telegram calls as events', () => {
    const committed = createCommittedAppends();
    const seen: CommittedAppend[][] = [];
    const requests: AppendRequest[] = [
      { stream: 'user-7', expected: 4, events: [newEvent('ProfileUpdated', {}), sendMessage(7, 'hi', { correlationId: 'tg:9' })] },
      { stream: 'user-8', expected: 0, events: [sendMessage(8, 'conflict')] },
      { stream: 'user-9', expected: 'no_stream', events: [sendMessage(9, 'again')] },
    ];
    const outcomes: AppendOutcome[] = [ok('user-7', 6, 2), { ok: false, stream: 'user-8', error: new Error('conflict') }, ok('user-9', 1, 1, true)];
    const sentAt = new Date('2026-11-27T03:00:00Z');
    committed.publish(requests, outcomes, sentAt); // nobody listens: nothing built
    committed.subscribe((appends) => seen.push([...appends]));
    committed.publish(requests, outcomes, sentAt);
    expect(seen).toHaveLength(1);
    const [append] = seen[0]!;
    expect(seen[0]).toHaveLength(1);
    expect(append).toMatchObject({ stream: 'user-7', firstVersion: 5, count: 2 });
    expect(append!.calls).toHaveLength(1);
    expect(append!.calls[0]).toMatchObject({
      id: requests[0]!.events[1]!.id,
      type: OUTBOX_EVENT_TYPES.telegramCall,
      streamName: 'user-7',
      streamVersion: 6,
      globalPosition: 101n,
      metadata: { correlationId: 'tg:9' },
      recordedAt: sentAt,
      data: { method: 'sendMessage', payload: { chat_id: 7, text: 'hi' }, chatId: 7 },
    });
  });

  it('offers nothing when nothing committed', () => {
    const committed = createCommittedAppends();
    let calls = 0;
    committed.subscribe(() => (calls += 1));
    committed.publish([{ stream: 'user-1', expected: 0, events: [sendMessage(1, 'x')] }], [{ ok: false, stream: 'user-1', error: new Error('down') }], new Date());
    expect(calls).toBe(0);
  });
});

describe('committed appends, a listener that throws', () => {
  it('reports it and still tells the other listeners; publish itself never throws', () => {
    const errors: unknown[] = [];
    const committed = createCommittedAppends((error) => errors.push(error));
    let told = 0;
    committed.subscribe(() => {
      throw new Error('broken listener');
    });
    committed.subscribe(() => (told += 1));
    const request: AppendRequest = { stream: 'user-3', expected: 'no_stream', events: [sendMessage(3, 'x')] };
    expect(() => committed.publish([request], [{ ok: true, stream: 'user-3', nextVersion: 1, positions: [1n], duplicate: false }], new Date())).not.toThrow();
    expect(told).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
