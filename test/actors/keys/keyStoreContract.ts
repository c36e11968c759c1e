// One contract for both key store adapters: versions, deletion as a tombstone, the next version after a forget.
import { expect, it } from 'vitest';
import type { KeyStore } from '../../../actors/keys/index.js';

export const keyStoreContract = (open: () => Promise<{ readonly keys: KeyStore; cleanup(): Promise<void> }>): void => {
  const using = async (test: (keys: KeyStore) => Promise<void>): Promise<void> => {
    const { keys, cleanup } = await open();
    try {
      await test(keys);
    } finally {
      await cleanup();
    }
  };

  it('creates version 1 on first use and returns the same key afterwards', () =>
    using(async (keys) => {
      const first = await keys.current('42');
      expect(first.version).toBe(1);
      expect(first.key).toHaveLength(32);
      expect((await keys.current('42')).key.equals(first.key)).toBe(true);
      expect((await keys.get('42', 1))?.key.equals(first.key)).toBe(true);
      expect(await keys.get('42', 2)).toBeNull();
      expect((await keys.current('43')).key.equals(first.key)).toBe(false);
    }));

  it('deletes a version for good (idempotently) and moves on to the next one', () =>
    using(async (keys) => {
      const first = await keys.current('7');
      expect(await keys.delete('7', first.version)).toBe(true);
      expect(await keys.delete('7', first.version)).toBe(false);
      expect(await keys.get('7', 1)).toBeNull();
      const second = await keys.current('7');
      expect(second.version).toBe(2);
      expect(second.key.equals(first.key)).toBe(false);
      expect(await keys.liveVersions('7')).toEqual([2]);
    }));

  it('next() after a version is shared by concurrent callers and skips tombstones', () =>
    using(async (keys) => {
      await keys.current('9');
      const [a, b] = await Promise.all([keys.next('9', 1), keys.next('9', 1)]);
      expect(a.version).toBe(2);
      expect(a.key.equals(b.key)).toBe(true);
      await keys.delete('9', 3);
      expect((await keys.next('9', 2)).version).toBe(4);
      await keys.delete('9', 1);
      expect(await keys.liveVersions('9')).toEqual([2, 4]);
      expect((await keys.current('9')).version).toBe(4);
    }));

  it('concurrent first uses of a new owner agree on one version and key', () =>
    using(async (keys) => {
      // Two writers racing for the same new version: the one whose insert waits on the other's must read the other's
      // key, not go on to create the next version (on Postgres its statement's snapshot misses the other's row).
      const owners = Array.from({ length: 40 }, (_, i) => String(1000 + i));
      const pairs = await Promise.all(owners.map((owner) => Promise.all([keys.current(owner), keys.next(owner, 0), keys.firstMany!([owner])])));
      for (const [current, next, [first]] of pairs) {
        expect([current.version, next.version, first?.version]).toEqual([1, 1, 1]);
        expect(current.key.equals(next.key) && current.key.equals(first!.key)).toBe(true);
      }
      expect(await keys.liveVersions('1000')).toEqual([1]);
    }));

  it('firstMany gives each owner its first live version: created for new owners, kept for known ones, past a tombstone', () =>
    using(async (keys) => {
      const known = await keys.current('21');
      await keys.current('22');
      await keys.delete('22', 1);
      const found = await keys.firstMany!(['20', '21', '22', '20']);
      const byOwner = new Map(found.map((key) => [key.owner, key]));
      expect(found).toHaveLength(3);
      expect(byOwner.get('20')?.version).toBe(1);
      expect((await keys.current('20')).key.equals(byOwner.get('20')!.key)).toBe(true);
      expect(byOwner.get('21')?.key.equals(known.key)).toBe(true);
      expect(byOwner.get('22')?.version).toBe(2);
      expect((await keys.current('22')).key.equals(byOwner.get('22')!.key)).toBe(true);
      expect(await keys.firstMany!([])).toEqual([]);
    }));

  it('getMany returns the live keys among many versions in one call', () =>
    using(async (keys) => {
      const a = await keys.current('1');
      const b = await keys.current('2');
      await keys.current('3');
      await keys.delete('3', 1);
      const found = await keys.getMany([
        { owner: '1', version: 1 },
        { owner: '2', version: 1 },
        { owner: '3', version: 1 },
        { owner: '4', version: 1 },
      ]);
      expect(found.map((k) => [k.owner, k.version]).sort()).toEqual([['1', 1], ['2', 1]]);
      expect(found.find((k) => k.owner === '1')?.key.equals(a.key)).toBe(true);
      expect(found.find((k) => k.owner === '2')?.key.equals(b.key)).toBe(true);
      expect(await keys.getMany([])).toEqual([]);
    }));

  it('allVersions lists live keys and tombstones in order and creates nothing', () =>
    using(async (keys) => {
      const first = await keys.current('11');
      await keys.delete('11', 1);
      const second = await keys.current('11');
      await keys.delete('11', 3);
      const versions = await keys.allVersions!('11');
      expect(versions.map((v) => [v.version, v.key === null])).toEqual([[1, true], [2, false], [3, true]]);
      expect(versions[1]?.key?.equals(second.key)).toBe(true);
      expect(versions.some((v) => v.key?.equals(first.key))).toBe(false);
      // An owner with no key: still none afterwards (a cold load must never create one).
      expect(await keys.allVersions!('12')).toEqual([]);
      expect(await keys.liveVersions('12')).toEqual([]);
      expect(await keys.allVersions!('12')).toEqual([]);
    }));
};
