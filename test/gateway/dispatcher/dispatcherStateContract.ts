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

    it('stores the checkpoint and never moves it backwards', async () => {
      const { state } = fixture;
      expect(await state.loadCheckpoint()).toBeUndefined();
      await state.commit({ commit: 10n, position: 5n }, []);
      await state.commit({ commit: 9n, position: 50n }, []);
      expect(await fixture.reopen().loadCheckpoint()).toEqual({ commit: 10n, position: 5n });
      await state.commit({ commit: 18446744073709551615n, position: 9223372036854775807n }, []);
      expect(await state.loadCheckpoint()).toEqual({ commit: 18446744073709551615n, position: 9223372036854775807n });
    });

    it('tells fresh, resend and done calls apart across a restart, and forgets settled ones', async () => {
      const { state } = fixture;
      expect(await state.claim('e1')).toBe('fresh');
      expect(await state.claim('e2')).toBe('fresh');
      await state.complete('e2', 'sent');
      expect(await state.claim('e3')).toBe('fresh');
      await state.complete('e3', 'refused');

      const restarted = fixture.reopen();
      expect(await restarted.claim('e1')).toBe('resend');
      expect(await restarted.claim('e1')).toBe('resend');
      expect(await restarted.claim('e2')).toBe('done');
      expect(await restarted.claim('e3')).toBe('done');
      await restarted.complete('e1', 'sent');
      expect(await restarted.claim('e1')).toBe('done');

      await restarted.commit({ commit: 1n, position: 1n }, ['e1', 'e2', 'e3']);
      // Forgotten: the checkpoint covers them, so they are never read again (a claim now starts afresh).
      expect(await restarted.claim('e2')).toBe('fresh');
    });
  });
};
