// The dispatcher's group commit: what becomes ready in one turn shares a write, what comes during a write shares the
// next; a key twice in a group shares its outcome or waits for the next group; a failed write fails only its group.
import { describe, expect, it } from 'vitest';
import { createGroupWriter } from '../../../gateway/dispatcher/groupWriter.js';

const recordingWrite = (fail?: (items: readonly string[]) => boolean) => {
  const writes: string[][] = [];
  const write = async (items: readonly string[]): Promise<string[]> => {
    writes.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail?.(items)) throw new Error('write failed');
    return items.map((item) => `stored ${item} in write ${writes.length}`);
  };
  return { writes, write };
};

describe('group writer', () => {
  it('writes what one turn asks in one write, and what comes meanwhile in the next', async () => {
    const { writes, write } = recordingWrite();
    const put = createGroupWriter(write, (item: string) => item, 'share');
    const first = [put('a'), put('b'), put('c')];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [put('d'), put('e')];
    expect(await Promise.all([...first, ...second])).toEqual([
      'stored a in write 1', 'stored b in write 1', 'stored c in write 1', 'stored d in write 2', 'stored e in write 2',
    ]);
    expect(writes).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });

  it('a key twice in a group: shared (one item, one outcome) or written in the next group, in order', async () => {
    const shared = recordingWrite();
    const share = createGroupWriter(shared.write, (item: string) => item, 'share');
    expect(await Promise.all([share('a'), share('b'), share('a')])).toEqual(['stored a in write 1', 'stored b in write 1', 'stored a in write 1']);
    expect(shared.writes).toEqual([['a', 'b']]);

    const ordered = recordingWrite();
    const next = createGroupWriter(ordered.write, (item: string) => item.split(':')[0]!, 'next');
    expect(await Promise.all([next('a:1'), next('b:1'), next('a:2')])).toEqual(['stored a:1 in write 1', 'stored b:1 in write 1', 'stored a:2 in write 2']);
    expect(ordered.writes).toEqual([['a:1', 'b:1'], ['a:2']]);
  });

  it('a failed write rejects its own group only; a missing outcome rejects its caller', async () => {
    const { write } = recordingWrite((items) => items.includes('bad'));
    const put = createGroupWriter(write, (item: string) => item, 'share');
    const failing = [put('bad'), put('x')];
    await new Promise((resolve) => setImmediate(resolve));
    const later = put('y');
    await expect(failing[0]).rejects.toThrow('write failed');
    await expect(failing[1]).rejects.toThrow('write failed');
    expect(await later).toBe('stored y in write 2');

    const short = createGroupWriter(async (items: readonly string[]) => items.slice(1), (item: string) => item, 'share');
    const results = await Promise.allSettled([short('p'), short('q')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});
