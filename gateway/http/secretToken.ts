// Constant-time comparison of the webhook secret. Comparing SHA-256 digests gives equal-length buffers whatever was
// sent, so neither the content nor the length of the secret leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export const secretMatcher = (secret: string): ((candidate: string | string[] | undefined) => boolean) => {
  const expected = digest(secret);
  return (candidate) => typeof candidate === 'string' && timingSafeEqual(digest(candidate), expected);
};
