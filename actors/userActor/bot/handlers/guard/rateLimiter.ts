// The buckets of the per-user rate limit (domain/rateLimit), kept in memory by the actor process. A user's
// messages all reach the worker that owns their partition, so one process sees them all; after a restart or an
// ownership move a bucket starts full, which errs on the side of letting a user through. Bounded: idle buckets
// (full, no notice pending) carry nothing and are swept, and past `maxUsers` the least recently seen go first.
// An update handled again — redelivered after a failure, or decided again after a concurrent append — gets the
// verdict it got the first time instead of a second token: a retry is not the user writing again.
import { isIdle, takeToken, USER_RATE_LIMIT, type RateVerdict, type TokenBucket, type TokenBucketPolicy } from '../../../../../domain/rateLimit/index.js';

export interface RateLimiter {
  /** The verdict on a message of `userId`; `updateId` names it, so asking again for the same one takes no token. */
  take(userId: string, now: Date, updateId?: number): RateVerdict;
  readonly size: number;
}

/** Verdicts remembered per user: retries come soon after the first attempt, a few messages later at most. */
const REMEMBERED_VERDICTS = 8;

interface Entry {
  readonly bucket: TokenBucket;
  readonly recent: readonly { readonly updateId: number; readonly verdict: RateVerdict }[];
}

export const createRateLimiter = (options: { readonly policy?: TokenBucketPolicy; readonly maxUsers?: number } = {}): RateLimiter => {
  const policy = options.policy ?? USER_RATE_LIMIT;
  const maxUsers = options.maxUsers ?? 100_000;
  const buckets = new Map<string, Entry>();
  const sweep = (now: number): void => {
    for (const [user, entry] of buckets) if (isIdle(policy, entry.bucket, now)) buckets.delete(user);
    // Still full of busy users: drop the least recently seen (Map keeps insertion order; take() re-inserts).
    for (const user of buckets.keys()) {
      if (buckets.size < maxUsers) break;
      buckets.delete(user);
    }
  };
  return {
    take(userId, now, updateId) {
      const at = now.getTime();
      const previous = buckets.get(userId);
      const seen = updateId === undefined ? undefined : previous?.recent.find((entry) => entry.updateId === updateId);
      if (seen !== undefined) return seen.verdict;
      const { bucket, verdict } = takeToken(policy, previous?.bucket, at);
      const recent = updateId === undefined ? (previous?.recent ?? []) : [...(previous?.recent ?? []).slice(1 - REMEMBERED_VERDICTS), { updateId, verdict }];
      buckets.delete(userId);
      if (buckets.size >= maxUsers) sweep(at);
      buckets.set(userId, { bucket, recent });
      return verdict;
    },
    get size() {
      return buckets.size;
    },
  };
};
