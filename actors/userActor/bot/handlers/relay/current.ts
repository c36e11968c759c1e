// Which partner a user is talking to. Also read by other features (/block and /report inside a relay chat take the
// current partner from here): the partner chosen with /chat (or the last "who is this for?" answer) while that
// tandem is still active, else the only active relay tandem, else nobody (none, or several and no choice).
import type { Dialog } from '../../../../../domain/dialog/index.js';
import type { TandemRecord } from '../../../../../domain/tandem/index.js';
import type { UserState } from '../../../../../domain/user/index.js';
import { FIND_FLOW } from '../find/browsing.js';

/** The dialog that remembers the chosen relay partner: `{ flow: 'relay', step: 'chat', data: { requestId } }`. */
export const RELAY_FLOW = 'relay';

export const relayChatDialog = (requestId: string): Dialog => ({ flow: RELAY_FLOW, step: 'chat', data: { requestId } });

export const activeTandems = (state: UserState): readonly TandemRecord[] => state.tandems.filter((t) => t.status === 'active');

export const relayTandems = (state: UserState): readonly TandemRecord[] => activeTandems(state).filter((t) => t.channel === 'relay');

/** The relay tandem chosen in the dialog, when it is still active. */
export const chosenRelayTandem = (state: UserState): TandemRecord | null => {
  const dialog = state.dialog;
  if (dialog?.flow !== RELAY_FLOW || typeof dialog.data.requestId !== 'string') return null;
  const requestId = dialog.data.requestId;
  return relayTandems(state).find((t) => t.id === requestId) ?? null;
};

/** The relay tandem messages go to now, or null when there is none or the user must pick one. */
export const currentRelayTandem = (state: UserState): TandemRecord | null => {
  const chosen = chosenRelayTandem(state);
  if (chosen !== null) return chosen;
  const relays = relayTandems(state);
  return relays.length === 1 ? relays[0]! : null;
};

/** The partner of the current tandem of any channel (for /block and /report): the relay choice, else the only one. */
export const currentPartner = (state: UserState): string | null => {
  const relay = currentRelayTandem(state);
  if (relay !== null) return relay.peer;
  const active = activeTandems(state);
  return active.length === 1 ? active[0]!.peer : null;
};

/**
 * Flows whose dialog only remembers what is on screen and never waits for typed text: /find's browsing position
 * stays in the dialog after "Send request", and the partner's first message must still reach the relay.
 */
const PASSIVE_FLOWS: ReadonlySet<string> = new Set([RELAY_FLOW, FIND_FLOW]);

/** No dialog, or one that waits for no typed text: free messages may go to the relay, a partner choice may replace it. */
export const outsideTextFlows = (state: UserState): boolean => state.dialog === null || PASSIVE_FLOWS.has(state.dialog.flow);

/** Relay is on for free messages outside flows that wait for typed text (a wizard step, a comment, feedback…). */
export const relayAvailable = (state: UserState): boolean => outsideTextFlows(state) && relayTandems(state).length > 0;
