// Bearer tokens of the analytics API (API_TOKENS). The presented token is hashed and compared with every configured
// token's hash by timingSafeEqual, all of them every time: equal-length digests hide the tokens' lengths, and not
// stopping at the first match hides which token (and whether any) matched.
import { createHash, timingSafeEqual } from 'node:crypto';

export type BearerCheck = 'ok' | 'missing' | 'invalid';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

const BEARER = /^Bearer +(\S+) *$/i;

export const bearerChecker = (tokens: readonly string[]): ((authorization: string | undefined) => BearerCheck) => {
  const expected = tokens.map(digest);
  return (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return 'missing';
    const presented = BEARER.exec(authorization)?.[1];
    if (presented === undefined) return 'invalid';
    const candidate = digest(presented);
    let matched = false;
    for (const token of expected) matched = timingSafeEqual(candidate, token) || matched;
    return matched ? 'ok' : 'invalid';
  };
};
