// What every operation of the adapter works with: the client and the mapping of our stream names onto the server's.
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { StreamNames } from './names.js';

/** The part of the client this adapter uses, so tests can pass a stand-in. */
export type KurrentClient = Pick<
  KurrentDBClient,
  'appendToStream' | 'multiStreamAppend' | 'readStream' | 'readAll' | 'subscribeToAll' | 'setStreamMetadata' | 'dispose'
>;

export interface KurrentContext {
  readonly client: KurrentClient;
  readonly names: StreamNames;
}
