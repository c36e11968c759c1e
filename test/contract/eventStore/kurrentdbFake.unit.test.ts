// The KurrentDB adapter's own logic (version mapping, duplicate detection, grouped appends, filtered reads, snapshots,
// subscriptions, namespaces) against an in-memory stand-in of the client that follows KurrentDB's documented
// behaviour. The server itself is covered by kurrentdb.int.test.ts when EVENTSTORE_URL names one.
import { createFakeKurrentClient, type FakeKurrentOptions } from './fakeKurrentClient.js';
import { createKurrentDbEventStore } from '../../../actors/eventStore/kurrentdb/index.js';
import { delayThenAppend, describeEventStoreContract, type EventStoreFactory } from './eventStoreContract.js';

const onFake =
  (fake: FakeKurrentOptions, namespace?: string): EventStoreFactory =>
  async () => {
    const store = createKurrentDbEventStore({ client: createFakeKurrentClient(fake), pollIntervalMs: 50, ...(namespace ? { namespace } : {}) });
    return { store, appendWithCommitDelay: delayThenAppend(store), cleanup: () => store.close(), globalEventIds: false };
  };

describeEventStoreContract('kurrentdb adapter on a fake client (multiStreamAppend)', onFake({}));
describeEventStoreContract('kurrentdb adapter on a fake client (before 25.1, namespaced)', onFake({ multiStreamAppend: false }, 'tenant-a'));
