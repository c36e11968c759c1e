// One contract for the dispatcher's state (memory twin, Postgres): the checkpoint never moves backwards, and the
// write-ahead record tells a first attempt, a resend (claimed, never finished) and a finished call apart, and
// forgets calls once the checkpoint covers them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DispatcherState } from '../../../gateway/dispatcher/index.js';

export interface DispatcherStateFixture {
  readonly state: DispatcherState;
  /** Another handle on the same durable state (a restarted process). */
  reopen(): DispatcherState;
  cleanup(): Promise<void>;
}

export const dispatcherStateContract = (name: string, create: () => Promise<DispatcherStateFixture>): void => {
  describe(`dispatcher state contract: ${name}`, () => {
    let fixture: DispatcherStateFixture;
    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const at = (commit: bigint, position: bigint) => ({ completed: [], settled: [], checkpoint: { commit, position } });

    it('stores the checkpoint and never moves it backwards', async () => {
      const { state } = fixture;
      expect(await state.loadCheckpoint()).toBeUndefined();
      await state.commit(at(10n, 5n));
      await state.commit(at(9n, 50n));
      expect(await fixture.reopen().loadCheckpoint()).toEqual({ commit: 10n, position: 5n });
      await state.commit(at(18446744073709551615n, 9223372036854775807n));
      expect(await state.loadCheckpoint()).toEqual({ commit: 18446744073709551615n, position: 9223372036854775807n });
      // A write without a checkpoint leaves it where it is.
      await state.commit({ completed: [], settled: [] });
      expect(await state.loadCheckpoint()).toEqual({ commit: 18446744073709551615n, position: 9223372036854775807n });
    });

    it('tells fresh, resend and done calls apart across a restart, and forgets settled ones', async () => {
      const { state } = fixture;
      expect(await state.claim(['e1', 'e2'])).toEqual(['fresh', 'fresh']);
      await state.commit({ completed: [{ eventId: 'e2', outcome: 'sent' }], settled: [] });
      expect(await state.claim(['e3'])).toEqual(['fresh']);
      await state.commit({ completed: [{ eventId: 'e3', outcome: 'refused' }], settled: [] });
      expect(await state.loadCheckpoint()).toBeUndefined();

      const restarted = fixture.reopen();
      expect(await restarted.claim(['e1'])).toEqual(['resend']);
      // One group with every kind, answered in the order asked.
      expect(await restarted.claim(['e3', 'e1', 'e4', 'e2'])).toEqual(['done', 'resend', 'fresh', 'done']);
      await restarted.commit({ completed: [{ eventId: 'e1', outcome: 'sent' }], settled: [] });
      expect(await restarted.claim(['e1'])).toEqual(['done']);

      await restarted.commit({ completed: [], settled: ['e1', 'e2', 'e3'], checkpoint: { commit: 1n, position: 1n } });
      // Forgotten: the checkpoint covers them, so they are never read again (a claim now starts afresh).
      expect(await restarted.claim(['e2'])).toEqual(['fresh']);
      expect(await restarted.claim([])).toEqual([]);
    });

    it('stores a progress write carried by a claim with the claims, atomically', async () => {
      const { state } = fixture;
      expect(await state.claim(['a', 'b', 'c'])).toEqual(['fresh', 'fresh', 'fresh']);
      const outcomes = await state.claim(['d', 'e', 'c'], {
        completed: [
          { eventId: 'a', outcome: 'sent' },
          { eventId: 'b', outcome: 'refused' },
        ],
        settled: ['a'],
        checkpoint: { commit: 7n, position: 3n },
      });
      expect(outcomes).toEqual(['fresh', 'fresh', 'resend']);
      const restarted = fixture.reopen();
      expect(await restarted.loadCheckpoint()).toEqual({ commit: 7n, position: 3n });
      // a was forgotten (settled), b is done, c and d were claimed and never finished.
      expect(await restarted.claim(['a', 'b', 'c', 'd'])).toEqual(['fresh', 'done', 'resend', 'resend']);
      // Progress alone, with nothing to claim; the checkpoint still never moves backwards.
      expect(await restarted.claim([], { completed: [{ eventId: 'd', outcome: 'sent' }], settled: [], checkpoint: { commit: 6n, position: 9n } })).toEqual([]);
      expect(await restarted.loadCheckpoint()).toEqual({ commit: 7n, position: 3n });
      expect(await restarted.claim(['d'])).toEqual(['done']);
    });

    it('stores completions, the checkpoint and the forgetting in one write, also of a call completed and settled at once', async () => {
      const { state } = fixture;
      expect(await state.claim(['a', 'b', 'c'])).toEqual(['fresh', 'fresh', 'fresh']);
      await state.commit({
        completed: [
          { eventId: 'a', outcome: 'sent' },
          { eventId: 'b', outcome: 'refused' },
        ],
        settled: ['a'],
        checkpoint: { commit: 7n, position: 3n },
      });
      const restarted = fixture.reopen();
      expect(await restarted.loadCheckpoint()).toEqual({ commit: 7n, position: 3n });
      expect(await restarted.claim(['a', 'b', 'c'])).toEqual(['fresh', 'done', 'resend']);
    });
  });
};
