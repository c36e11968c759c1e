// The snapshots the actor host would have taken while this log was written: for each marked stream, its events up
// to the marked version are read back through the real (encrypted) store, folded by the user actor's codec and
// evolve, and saved through the store's saveSnapshot, which seals the state as the runtime's snapshot does.
import type { EventStore } from '../../../actors/eventStore/types.js';
import { userEventCodec, userStateCodec } from '../../../actors/userActor/codec.js';
import { evolveUserActor } from '../../../actors/userActor/userBehavior.js';
import { initialState } from '../../../domain/user/index.js';

export const writeSnapshots = async (store: EventStore, snapshotAt: ReadonlyMap<string, number>, concurrency = 8): Promise<number> => {
  const todo = [...snapshotAt];
  let written = 0;
  const worker = async (): Promise<void> => {
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      const [stream, version] = next;
      let state = initialState();
      for (const recorded of await store.readStream(stream, { maxCount: version })) state = evolveUserActor(state, userEventCodec.decode(recorded));
      await store.saveSnapshot({ stream, version, schemaVersion: userStateCodec.schemaVersion, state: userStateCodec.encode(state) });
      written += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return written;
};
