// The event store contract, run on the crypto-shredding wrapper over the memory store: wrapping changes nothing a
// caller of the port can see.
import { createEncryptedEventStore } from '../../../../actors/eventStore/encrypted/index.js';
import { createMemoryEventStore } from '../../../../actors/eventStore/memory/memoryEventStore.js';
import { createMemoryKeyStore } from '../../../../actors/keys/index.js';
import { delayThenAppend, describeEventStoreContract } from '../../../contract/eventStore/eventStoreContract.js';

describeEventStoreContract('encrypted over memory', async () => {
  const store = createEncryptedEventStore({ store: createMemoryEventStore(), keys: createMemoryKeyStore() });
  return { store, appendWithCommitDelay: delayThenAppend(store), cleanup: () => store.close() };
});
