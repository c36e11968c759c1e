import { createMemoryEventStore } from '../../../actors/eventStore/memory/memoryEventStore.js';
import { delayThenAppend, describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('memory', async () => {
  const store = createMemoryEventStore();
  return { store, appendWithCommitDelay: delayThenAppend(store), cleanup: () => store.close() };
});
