// The write-ahead claims of Telegram calls, group-committed (groupWriter.ts). A claim must be durable before its
// call goes out, but one write per call made the dispatcher pay a Postgres round trip and commit per reply. Each
// call is still claimed just before it is sent, never long before, so a crash counts as re-sends only calls that may
// really have gone out.
import { createGroupWriter } from './groupWriter.js';
import type { ClaimOutcome, DispatcherState } from './types.js';

export interface ClaimBatcher {
  /** Resolves once the claim is stored; rejects when `write` gives up (the dispatcher is stopping). */
  claim(eventId: string): Promise<ClaimOutcome>;
}

/** `write` stores one group (retrying as it sees fit); an event claimed twice in a group shares the one claim. */
export const createClaimBatcher = (write: (eventIds: readonly string[]) => ReturnType<DispatcherState['claim']>): ClaimBatcher => ({
  claim: createGroupWriter<string, ClaimOutcome>(write, (eventId) => eventId, 'share'),
});
