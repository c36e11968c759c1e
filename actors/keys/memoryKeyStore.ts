// The in-memory twin of the key store, for unit tests; same semantics as the Postgres adapter.
import { randomBytes } from 'node:crypto';
import { checkOwner, KEY_BYTES, type KeyStore, type UserKey } from './types.js';

export interface MemoryKeyStoreOptions {
  readonly generate?: () => Buffer;
}

export const createMemoryKeyStore = (options: MemoryKeyStoreOptions = {}): KeyStore => {
  const generate = options.generate ?? (() => randomBytes(KEY_BYTES));
  /** owner → version → key (null: deleted, kept as a tombstone). */
  const keys = new Map<string, Map<number, Buffer | null>>();
  const versionsOf = (owner: string): Map<number, Buffer | null> => {
    let versions = keys.get(owner);
    if (!versions) keys.set(owner, (versions = new Map()));
    return versions;
  };
  const ensure = (owner: string, version: number): UserKey => {
    const versions = versionsOf(owner);
    if (!versions.has(version)) versions.set(version, generate());
    const key = versions.get(version);
    // A tombstone at this version: the caller raced a forget; the next version is the live one.
    return key ? { owner, version, key } : ensure(owner, version + 1);
  };
  const highest = (owner: string): number => Math.max(0, ...versionsOf(owner).keys());
  return {
    async current(owner) {
      checkOwner(owner);
      const top = highest(owner);
      const key = versionsOf(owner).get(top);
      return key ? { owner, version: top, key } : ensure(owner, top + 1);
    },
    async next(owner, after) {
      checkOwner(owner);
      return ensure(owner, after + 1);
    },
    async firstMany(owners) {
      return [...new Set(owners)].map((owner) => {
        checkOwner(owner);
        return ensure(owner, 1);
      });
    },
    async get(owner, version) {
      const key = keys.get(owner)?.get(version);
      return key ? { owner, version, key } : null;
    },
    async allVersions(owner) {
      checkOwner(owner);
      // Read only: the versionsOf() helper would create the owner's entry.
      return [...(keys.get(owner) ?? [])].map(([version, key]) => ({ version, key })).sort((a, b) => a.version - b.version);
    },
    async getMany(refs) {
      return refs.flatMap(({ owner, version }) => {
        const key = keys.get(owner)?.get(version);
        return key ? [{ owner, version, key }] : [];
      });
    },
    async delete(owner, version) {
      const versions = versionsOf(owner);
      const live = (versions.get(version) ?? null) !== null;
      versions.set(version, null);
      return live;
    },
    async liveVersions(owner) {
      return [...versionsOf(owner)].filter(([, key]) => key !== null).map(([version]) => version).sort((a, b) => a - b);
    },
    async close() {},
  };
};
