// The key store the generator seals with: every user's keys in memory (a million Postgres round trips would take
// longer than the whole log), written into the real key table with COPY once the log is loaded. Same semantics as
// the Postgres adapter for what the crypto-shredding wrapper asks: current, next after a forget, delete (tombstone).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { KEY_BYTES, type KeyStore, type UserKey } from '../../../actors/keys/index.js';
import { keySqlNames } from '../../../actors/keys/postgres/names.js';

export interface RecordingKeyStore extends KeyStore {
  /** Writes every version (live keys and tombstones) into `<schema>.user_keys`; returns the rows written. */
  copyInto(pool: pg.Pool, schema: string): Promise<number>;
}

export const createRecordingKeyStore = (): RecordingKeyStore => {
  /** owner → key of version i + 1 (null: deleted). */
  const keys = new Map<string, (Buffer | null)[]>();
  const versionsOf = (owner: string): (Buffer | null)[] => {
    let versions = keys.get(owner);
    if (versions === undefined) keys.set(owner, (versions = []));
    return versions;
  };
  const ensure = (owner: string, version: number): UserKey => {
    const versions = versionsOf(owner);
    while (versions.length < version) versions.push(randomBytes(KEY_BYTES));
    const key = versions[version - 1];
    return key ? { owner, version, key } : ensure(owner, version + 1);
  };
  const get = (owner: string, version: number): UserKey | null => {
    const key = keys.get(owner)?.[version - 1];
    return key ? { owner, version, key } : null;
  };
  return {
    async current(owner) {
      const versions = versionsOf(owner);
      const top = versions.at(-1);
      return top ? { owner, version: versions.length, key: top } : ensure(owner, versions.length + 1);
    },
    async next(owner, after) {
      return ensure(owner, after + 1);
    },
    async get(owner, version) {
      return get(owner, version);
    },
    async getMany(refs) {
      return refs.flatMap(({ owner, version }) => get(owner, version) ?? []);
    },
    async delete(owner, version) {
      const versions = versionsOf(owner);
      while (versions.length < version) versions.push(randomBytes(KEY_BYTES));
      const live = versions[version - 1] !== null;
      versions[version - 1] = null;
      return live;
    },
    async liveVersions(owner) {
      return versionsOf(owner).flatMap((key, i) => (key === null ? [] : [i + 1]));
    },
    async close() {},
    async copyInto(pool, schema) {
      const lines = function* (): Generator<string> {
        let chunk = '';
        for (const [owner, versions] of keys) {
          for (let i = 0; i < versions.length; i += 1) {
            const key = versions[i];
            chunk += key ? `${owner}\t${i + 1}\t\\\\x${key.toString('hex')}\t\\N\n` : `${owner}\t${i + 1}\t\\N\tnow\n`;
          }
          if (chunk.length > 1 << 20) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk.length > 0) yield chunk;
      };
      const client = await pool.connect();
      try {
        const copy = client.query(copyFrom(`copy ${keySqlNames(schema).userKeys} (owner, version, key, deleted_at) from stdin`));
        await pipeline(Readable.from(lines()), copy);
        return Number(copy.rowCount);
      } finally {
        client.release();
      }
    },
  };
};
