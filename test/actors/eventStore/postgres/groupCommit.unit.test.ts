import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../../actors/eventStore/postgres/groupCommit.js';
import type { AppendOutcome, AppendRequest } from '../../../../actors/eventStore/types.js';

const request = (stream: string): AppendRequest => ({
  stream,
  expected: 'any',
  events: [{ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: {} }],
});

/** A fake database call: records each batch and completes when the test says so. */
const fakeSend = () => {
  const calls: { streams: string[]; finish: (error?: Error) => void }[] = [];
  const send = (requests: readonly AppendRequest[]) =>
    new Promise<AppendOutcome[]>((resolve, reject) => {
      calls.push({
        streams: requests.map((r) => r.stream),
        finish: (error) =>
          error ? reject(error) : resolve(requests.map((r, i) => ({ ok: true, stream: r.stream, nextVersion: i + 1, positions: [BigInt(i + 1)], duplicate: false }))),
      });
    });
  return { calls, send };
};

describe('group commit', () => {
  it('sends at once while calls are free, then groups what arrives meanwhile into one call', async () => {
    const { calls, send } = fakeSend();
    const group = createGroupCommit(send, { maxInFlight: 1 });
    const first = group.submit([request('a')]);
    const waiting = [group.submit([request('b')]), group.submit([request('c'), request('d')]), group.submit([request('e')])];
    expect(calls.map((c) => c.streams)).toEqual([['a']]);
    calls[0]!.finish();
    expect((await first).map((o) => o.stream)).toEqual(['a']);
    expect(calls.map((c) => c.streams)).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    calls[1]!.finish();
    const [b, cd, e] = await Promise.all(waiting);
    expect(b!.map((o) => o.stream)).toEqual(['b']);
    expect(cd!.map((o) => o.stream)).toEqual(['c', 'd']);
    expect(e!.map((o) => o.stream)).toEqual(['e']);
  });

  it('keeps a caller’s requests in one call and caps the others at maxRequests', async () => {
    const { calls, send } = fakeSend();
    const group = createGroupCommit(send, { maxInFlight: 1, maxRequests: 2 });
    const all = [group.submit([request('a')]), group.submit([request('b'), request('c'), request('d')]), group.submit([request('e')]), group.submit([request('f')])];
    calls[0]!.finish();
    await all[0];
    expect(calls[1]!.streams).toEqual(['b', 'c', 'd']);
    calls[1]!.finish();
    await all[1];
    expect(calls[2]!.streams).toEqual(['e', 'f']);
    calls[2]!.finish();
    await Promise.all(all);
  });

  it('fails only the callers of the call that failed', async () => {
    const { calls, send } = fakeSend();
    const group = createGroupCommit(send, { maxInFlight: 2 });
    const a = group.submit([request('a')]);
    const b = group.submit([request('b')]);
    expect(calls).toHaveLength(2);
    calls[0]!.finish(new Error('connection lost'));
    calls[1]!.finish();
    await expect(a).rejects.toThrow('connection lost');
    expect((await b).map((o) => o.ok)).toEqual([true]);
  });
});

describe('group commit drain', () => {
  it('resolves once every submitted append has settled', async () => {
    const { calls, send } = fakeSend();
    const group = createGroupCommit(send, { maxInFlight: 1 });
    await group.drain();
    const a = group.submit([request('a')]);
    const b = group.submit([request('b')]);
    let drained = false;
    const drain = group.drain().then(() => {
      drained = true;
    });
    calls[0]!.finish();
    await a;
    expect(drained).toBe(false);
    calls[1]!.finish();
    await Promise.all([b, drain]);
    expect(drained).toBe(true);
  });
});
