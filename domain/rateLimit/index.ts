export { fullBucket, isIdle, takeToken, USER_RATE_LIMIT, type RateVerdict, type TokenBucket, type TokenBucketPolicy } from './tokenBucket.js';
