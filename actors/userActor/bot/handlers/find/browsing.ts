// Where a user is in their /find results, kept in the dialog (domain/dialog) so it survives restarts and
// passivation: the candidate on screen and the ones skipped in this search. Ids only, never typed text.
import type { Dialog } from '../../../../../domain/dialog/index.js';
import { isUserId, type UserId } from '../../../../../domain/user/index.js';

export const FIND_FLOW = 'find';

/** Skips remembered per search: enough for any real browsing, far below the dialog's size limit. */
export const MAX_SKIPPED = 100;

export interface Browsing {
  readonly current: UserId | null;
  readonly skipped: readonly UserId[];
}

export const NO_BROWSING: Browsing = { current: null, skipped: [] };

/** The browsing in a dialog, or the empty one when the dialog belongs to another flow or holds something odd. */
export const browsingOf = (dialog: Dialog | null): Browsing => {
  if (dialog === null || dialog.flow !== FIND_FLOW) return NO_BROWSING;
  const { current, skipped } = dialog.data;
  return {
    current: isUserId(current) ? current : null,
    skipped: Array.isArray(skipped) ? skipped.filter(isUserId) : [],
  };
};

export const browsingDialog = (browsing: Browsing): Dialog => ({
  flow: FIND_FLOW,
  step: 'browse',
  data: { current: browsing.current, skipped: browsing.skipped.slice(-MAX_SKIPPED) },
});
