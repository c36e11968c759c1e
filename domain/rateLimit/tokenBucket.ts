// The per-user rate limit as pure arithmetic: a token bucket (capacity = the burst, refilled at the sustained rate)
// plus a notice window, so a user over the limit is told once and then their extra messages are dropped quietly.
// Time comes in as milliseconds; the caller keeps the states (bounded, in memory) and the clock.

export interface TokenBucketPolicy {
  /** Messages allowed at once (the burst). */
  readonly capacity: number;
  /** Sustained rate: tokens added per minute. */
  readonly perMinute: number;
  /** After a notice, further refusals within this many milliseconds are silent. */
  readonly noticeWindowMs: number;
}

/** Issue #6: 20 messages per minute, bursts of 5; one notice per minute at most. */
export const USER_RATE_LIMIT: TokenBucketPolicy = { capacity: 5, perMinute: 20, noticeWindowMs: 60_000 };

export interface TokenBucket {
  readonly tokens: number;
  readonly updatedAt: number;
  /** Until when refusals are silent (a notice was given); 0 when none was. */
  readonly quietUntil: number;
}

export type RateVerdict =
  | { readonly kind: 'allow' }
  /** Refused; tell the user to wait `retryAfterSeconds` (whole seconds, at least 1). */
  | { readonly kind: 'notify'; readonly retryAfterSeconds: number }
  /** Refused within the notice window: say nothing. */
  | { readonly kind: 'drop' };

export const fullBucket = (policy: TokenBucketPolicy, now: number): TokenBucket => ({ tokens: policy.capacity, updatedAt: now, quietUntil: 0 });

const refilled = (policy: TokenBucketPolicy, bucket: TokenBucket, now: number): number => {
  // A clock that went backwards refills nothing (and takes nothing back).
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return Math.min(policy.capacity, bucket.tokens + (elapsed * policy.perMinute) / 60_000);
};

/** One message arrives at `now`: the bucket after it and what to do with the message. */
export const takeToken = (policy: TokenBucketPolicy, bucket: TokenBucket | undefined, now: number): { readonly bucket: TokenBucket; readonly verdict: RateVerdict } => {
  const current = bucket ?? fullBucket(policy, now);
  const tokens = refilled(policy, current, now);
  const updatedAt = Math.max(now, current.updatedAt);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, updatedAt, quietUntil: current.quietUntil }, verdict: { kind: 'allow' } };
  if (now < current.quietUntil) return { bucket: { tokens, updatedAt, quietUntil: current.quietUntil }, verdict: { kind: 'drop' } };
  // Whole milliseconds first, so float noise (2.0000000000000004 s) does not round a wait up a second.
  const retryAfterMs = Math.round(((1 - tokens) * 60_000) / policy.perMinute);
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return { bucket: { tokens, updatedAt, quietUntil: now + policy.noticeWindowMs }, verdict: { kind: 'notify', retryAfterSeconds } };
};

/** A bucket that has refilled completely and whose notice window is over carries no information: it can be dropped. */
export const isIdle = (policy: TokenBucketPolicy, bucket: TokenBucket, now: number): boolean =>
  refilled(policy, bucket, now) >= policy.capacity && now >= bucket.quietUntil;
