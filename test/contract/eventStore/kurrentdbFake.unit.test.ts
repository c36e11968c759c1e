// The KurrentDB adapter's own logic (version mapping, duplicate probe, grouped appends, filtered reads, snapshots,
// subscriptions) against an in-memory stand-in of the client that follows KurrentDB's documented behaviour. The
// server itself is covered by kurrentdb.int.test.ts when EVENTSTORE_URL names one.
import { createFakeKurrentClient } from '../../../actors/eventStore/kurrentdb/fakeKurrentClient.js';
import { createKurrentDbEventStore } from '../../../actors/eventStore/kurrentdb/index.js';
import { delayThenAppend, describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('kurrentdb adapter on a fake client (multiStreamAppend)', async () => {
  const store = createKurrentDbEventStore({ client: createFakeKurrentClient(), pollIntervalMs: 50 });
  return { store, appendWithCommitDelay: delayThenAppend(store), cleanup: () => store.close(), globalEventIds: false };
});

describeEventStoreContract('kurrentdb adapter on a fake client (server before 25.1)', async () => {
  const store = createKurrentDbEventStore({ client: createFakeKurrentClient({ multiStreamAppend: false }), pollIntervalMs: 50 });
  return { store, appendWithCommitDelay: delayThenAppend(store), cleanup: () => store.close(), globalEventIds: false };
});
