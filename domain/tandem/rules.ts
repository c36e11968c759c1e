// The tandem lifecycle's configurable constants.

/** A request nobody answered expires after this long (the runtime's timer sends ExpireRequest then). */
export const REQUEST_TTL_MS = 48 * 60 * 60 * 1000;
/** After someone declines you, you cannot ask them again for this long (and they refuse if you try). */
export const DECLINE_COOLDOWN_MS = 30 * 24 * 60 * 60 * 1000;
export const MAX_PENDING_OUTGOING_REQUESTS = 3;
/** Closed tandems kept in the state (for ratings and history); older ones are folded into counters only. */
export const MAX_CLOSED_TANDEMS_KEPT = 20;

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const MAX_RATING_COMMENT_CHARACTERS = 1000;

export const requestExpiresAt = (requestedAt: string): number => Date.parse(requestedAt) + REQUEST_TTL_MS;
