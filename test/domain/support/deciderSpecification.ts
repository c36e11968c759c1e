// given(events) → when(command) → then(events) | thenThrows(check) | thenNothingHappened(), as in Emmett's
// DeciderSpecification: the state is only ever built by folding events, never set up by hand.
import { expect } from 'vitest';

export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const specificationFor =
  <State, Command, Event>(decider: Decider<State, Command, Event>) =>
  (...given: readonly (Event | readonly Event[])[]) => ({
    when: (command: Command) => {
      const state = (given.flat() as Event[]).reduce(decider.evolve, decider.initialState());
      const run = (): readonly Event[] => decider.decide(command, state);
      return {
        then: (expected: readonly Event[]): void => {
          expect(run()).toEqual(expected);
        },
        thenNothingHappened: (): void => {
          expect(run()).toEqual([]);
        },
        /** Passes when decide throws and `check` accepts the error (e.g. a DomainError with the expected code). */
        thenThrows: (check: (error: unknown) => boolean): void => {
          let thrown: unknown = undefined;
          let threw = false;
          try {
            run();
          } catch (error) {
            threw = true;
            thrown = error;
          }
          expect(threw, 'decide should have thrown').toBe(true);
          expect(check(thrown), `unexpected error: ${String(thrown)}`).toBe(true);
        },
        /** For rules about the resulting state: fold the decided events onto the given state. */
        thenState: (assert: (after: State) => void): void => {
          assert(run().reduce(decider.evolve, state));
        },
      };
    },
  });
