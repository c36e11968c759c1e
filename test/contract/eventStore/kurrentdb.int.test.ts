// The contract against a real KurrentDB/EventStoreDB, when EVENTSTORE_URL names one (kurrentdb://… or esdb://…).
// Stream names in the contract are random, so one server can take the suite again and again without cleanup.
import { createKurrentDbEventStore } from '../../../actors/eventStore/kurrentdb/index.js';
import { delayThenAppend, describeEventStoreContract } from './eventStoreContract.js';

const url = process.env.EVENTSTORE_URL ?? '';

describeEventStoreContract(
  'kurrentdb',
  /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//.test(url)
    ? async () => {
        // The log is shared with earlier runs: the contract's readAll checks start from the head, not from zero.
        const store = createKurrentDbEventStore({ connectionString: url, pollIntervalMs: 200 });
        // KurrentDB commits each append as it arrives; a commit cannot be held open, so delay first.
        return { store, appendWithCommitDelay: delayThenAppend(store), cleanup: () => store.close(), globalEventIds: false };
      }
    : { skip: 'EVENTSTORE_URL does not name a KurrentDB server (kurrentdb://… or esdb://…)' },
  { propertyRuns: 10 },
);
