// The per-user key store (Guarantee 7): one random data key per user and version, kept outside the event log, so
// deleting it makes that user's encrypted fields unreadable everywhere, replays and backups of the log included.
// A deleted version stays behind as a tombstone, so a user who starts again gets the next version and an old
// ciphertext can never meet a new key.

export interface UserKey {
  /** The stream owner (the Telegram user id of `user-<id>`). */
  readonly owner: string;
  /** 1, 2, …: a new version follows every forget. */
  readonly version: number;
  /** 32 bytes for AES-256-GCM. */
  readonly key: Buffer;
}

export interface KeyRef {
  readonly owner: string;
  readonly version: number;
}

/** One version of an owner's key as stored: live (with its key) or deleted (null, a tombstone). */
export interface StoredKeyVersion {
  readonly version: number;
  readonly key: Buffer | null;
}

export interface KeyStore {
  /** The owner's live key of the highest version; creates the next version when none is live (first use, after a forget). */
  current(owner: string): Promise<UserKey>;
  /** Ensures a version after `after` exists and returns it (the stream goes on after a forget in the same append). */
  next(owner: string, after: number): Promise<UserKey>;
  /**
   * `next(owner, 0)` for many owners — the first live version, created where there is none — with one round trip
   * for all the owners that have no key yet (a batch of new users' first appends). Order of the result: any.
   * Optional: without it, callers ask next(owner, 0) per owner.
   */
  firstMany?(owners: readonly string[]): Promise<readonly UserKey[]>;
  /** The key of one version, or null when it was deleted or never existed. */
  get(owner: string, version: number): Promise<UserKey | null>;
  /**
   * Every version the owner has, live or deleted, in ascending order; creates nothing (a cold load asks for it
   * beside its stream read, before it knows which versions the events name). Optional: without it, readers ask
   * get() per version once the events are in.
   */
  allVersions?(owner: string): Promise<readonly StoredKeyVersion[]>;
  /** The live keys among these versions, in one round trip (a replay meets thousands of users per page). */
  getMany(refs: readonly KeyRef[]): Promise<readonly UserKey[]>;
  /** Deletes one version's key for good; true when this call deleted it, false when it was already gone. */
  delete(owner: string, version: number): Promise<boolean>;
  /** Versions of the owner whose key is still live (for `lexbot ops forget` and tests). */
  liveVersions(owner: string): Promise<readonly number[]>;
  close(): Promise<void>;
}

export const KEY_BYTES = 32;

export class KeyStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

/** Owners are ids inside SQL parameters and cache keys; bound their length so a hostile stream name cannot grow a row. */
export const checkOwner = (owner: string): void => {
  if (owner.length === 0 || owner.length > 200) throw new KeyStoreError(`invalid key owner ${JSON.stringify(owner.slice(0, 50))}`);
};
