// The rate limit's arithmetic (domain/rateLimit): bursts of 5, 20 a minute sustained, one notice per window.
import { describe, expect, it } from 'vitest';
import { isIdle, takeToken, USER_RATE_LIMIT, type RateVerdict, type TokenBucket } from '../../../../../domain/rateLimit/index.js';

const run = (times: readonly number[]): RateVerdict['kind'][] => {
  let bucket: TokenBucket | undefined;
  return times.map((at) => {
    const result = takeToken(USER_RATE_LIMIT, bucket, at);
    bucket = result.bucket;
    return result.verdict.kind;
  });
};

describe('token bucket', () => {
  it('allows a burst of 5, then notifies once and drops the rest of the window', () => {
    const verdicts = run(Array.from({ length: 30 }, (_, i) => i * 10));
    expect(verdicts.slice(0, 5)).toEqual(['allow', 'allow', 'allow', 'allow', 'allow']);
    expect(verdicts[5]).toBe('notify');
    expect(verdicts.slice(6).every((kind) => kind === 'drop')).toBe(true);
  });

  it('says how long to wait for the next token, in whole seconds', () => {
    let bucket: TokenBucket | undefined;
    for (let i = 0; i < 5; i += 1) bucket = takeToken(USER_RATE_LIMIT, bucket, 0).bucket;
    const { verdict } = takeToken(USER_RATE_LIMIT, bucket, 1_000);
    // 20 a minute is one token every 3 s; 1 s has passed.
    expect(verdict).toEqual({ kind: 'notify', retryAfterSeconds: 2 });
  });

  it('refills at 20 a minute: a steady message every 3 s is always allowed', () => {
    const verdicts = run(Array.from({ length: 100 }, (_, i) => i * 3_000));
    expect(verdicts.every((kind) => kind === 'allow')).toBe(true);
  });

  it('sustains 20 a minute after the burst, not more', () => {
    // One message a second for two minutes: 5 (burst) + 20 per minute get through.
    const verdicts = run(Array.from({ length: 120 }, (_, i) => i * 1_000));
    const allowed = verdicts.filter((kind) => kind === 'allow').length;
    expect(allowed).toBeGreaterThanOrEqual(5 + 39);
    expect(allowed).toBeLessThanOrEqual(5 + 40);
    // One notice per minute-long window at most.
    expect(verdicts.filter((kind) => kind === 'notify').length).toBeLessThanOrEqual(2);
  });

  it('notifies again in a later window', () => {
    const verdicts = run([0, 0, 0, 0, 0, 0, 0, 61_000 - 1, 61_000, 61_000, 61_000, 61_000, 61_000, 61_000]);
    expect(verdicts.filter((kind) => kind === 'notify')).toHaveLength(2);
  });

  it('never refills from a clock that went backwards', () => {
    let bucket: TokenBucket | undefined;
    for (let i = 0; i < 5; i += 1) bucket = takeToken(USER_RATE_LIMIT, bucket, 10_000).bucket;
    expect(takeToken(USER_RATE_LIMIT, bucket, 0).verdict.kind).toBe('notify');
  });

  it('is idle once full and past its notice window', () => {
    const { bucket } = takeToken(USER_RATE_LIMIT, undefined, 0);
    expect(isIdle(USER_RATE_LIMIT, bucket, 1_000)).toBe(false);
    expect(isIdle(USER_RATE_LIMIT, bucket, 3_000)).toBe(true);
  });
});
