// KurrentDB's command errors mapped onto the port's coded errors. Only the expected failures are mapped; the rest
// (network, access denied, not leader…) are rethrown as they are, so callers can tell them apart.
import {
  AppendRecordSizeExceededError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  TransactionMaxSizeExceededError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreError } from '../errors.js';
import type { ExpectedVersion } from '../types.js';
import { versionOfRevision } from './mapping.js';

export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError => error instanceof WrongExpectedVersionError;

export const isStreamNotFound = (error: unknown): boolean => error instanceof StreamNotFoundError;

const isTooLarge = (error: unknown): error is Error =>
  error instanceof MaxAppendSizeExceededError ||
  error instanceof TransactionMaxSizeExceededError ||
  error instanceof AppendRecordSizeExceededError;

/** Turns a failed write into the port's error for `stream`; unknown errors come back unchanged. */
export const mapWriteError = (error: unknown, stream: string, expected: ExpectedVersion): unknown => {
  if (isWrongExpectedVersion(error)) {
    const actual = error.actualState === 'no_stream' ? 0 : versionOfRevision(error.actualState);
    return new ConcurrencyError(stream, expected, actual);
  }
  if (isTooLarge(error)) {
    return new EventStoreError('EVENT_TOO_LARGE', `append to ${stream}: the server refused its size (${error.message})`, { stream });
  }
  return error;
};
