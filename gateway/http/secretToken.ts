// Constant-time comparison of the webhook secret. Comparing SHA-256 digests gives equal-length buffers whatever was
// sent, so neither the content nor the length of the secret leaks through timing. crypto.hash() is the one-shot
// form of createHash().update().digest(): the same digest without a Hash object per request.
import { hash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

export const secretMatcher = (secret: string): ((candidate: string | string[] | undefined) => boolean) => {
  const expected = digest(secret);
  return (candidate) => typeof candidate === 'string' && timingSafeEqual(digest(candidate), expected);
};
