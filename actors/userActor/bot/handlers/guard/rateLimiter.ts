// The buckets of the per-user rate limit (domain/rateLimit), kept in memory by the actor process. A user's
// messages all reach the worker that owns their partition, so one process sees them all; after a restart or an
// ownership move a bucket starts full, which errs on the side of letting a user through. Bounded: idle buckets
// (full, no notice pending) carry nothing and are swept, and past `maxUsers` the least recently seen go first.
import { isIdle, takeToken, USER_RATE_LIMIT, type RateVerdict, type TokenBucket, type TokenBucketPolicy } from '../../../../../domain/rateLimit/index.js';

export interface RateLimiter {
  take(userId: string, now: Date): RateVerdict;
  readonly size: number;
}

export const createRateLimiter = (options: { readonly policy?: TokenBucketPolicy; readonly maxUsers?: number } = {}): RateLimiter => {
  const policy = options.policy ?? USER_RATE_LIMIT;
  const maxUsers = options.maxUsers ?? 100_000;
  const buckets = new Map<string, TokenBucket>();
  const sweep = (now: number): void => {
    for (const [user, bucket] of buckets) if (isIdle(policy, bucket, now)) buckets.delete(user);
    // Still full of busy users: drop the least recently seen (Map keeps insertion order; take() re-inserts).
    for (const user of buckets.keys()) {
      if (buckets.size < maxUsers) break;
      buckets.delete(user);
    }
  };
  return {
    take(userId, now) {
      const at = now.getTime();
      const previous = buckets.get(userId);
      const { bucket, verdict } = takeToken(policy, previous, at);
      buckets.delete(userId);
      if (buckets.size >= maxUsers) sweep(at);
      buckets.set(userId, bucket);
      return verdict;
    },
    get size() {
      return buckets.size;
    },
  };
};
