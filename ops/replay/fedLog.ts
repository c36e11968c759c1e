// A fed fold thread's view of the log: an EventStore whose readAll hands out, in order, the pages of COPY rows the
// main thread's reader routed to this thread, so the thread folds them through foldLog (and through the
// crypto-shredding wrapper, when the log is sealed) exactly as it folds pages it reads itself.
import { createCopiedEventParser } from '../../actors/eventStore/postgres/copyLog.js';
import type { Checkpoint, EventStore, ReadAllResult, RecordedEvent } from '../../actors/eventStore/types.js';
import type { FeedMessage } from './foldJob.js';

export interface FedLog {
  readonly store: EventStore;
  readonly push: (message: FeedMessage) => void;
}

const unsupported = (what: string) => (): never => {
  throw new Error(`a fed fold thread's log only pages through readAll (${what})`);
};

/**
 * `readAll` ignores its arguments: each call takes the next page (the caller pages forward from START, as foldLog
 * does). Pages without this thread's lines are passed over (`onEmptyPage` hears of them, for progress); after the
 * end comes an empty page at `upTo`.
 */
export const createFedLog = (upTo: Checkpoint, onEmptyPage: (through: Checkpoint) => void): FedLog => {
  const queue: FeedMessage[] = [];
  let waiting: ((message: FeedMessage) => void) | null = null;
  const parse = createCopiedEventParser();
  const next = (): Promise<FeedMessage> => {
    const message = queue.shift();
    return message !== undefined ? Promise.resolve(message) : new Promise((resolve) => (waiting = resolve));
  };
  const readAll = async (): Promise<ReadAllResult> => {
    for (;;) {
      const message = await next();
      if (message.kind === 'end') return { events: [], checkpoint: upTo };
      const events: RecordedEvent[] = [];
      if (message.length > 0) parse(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.length), events);
      if (events.length > 0) return { events, checkpoint: message.through };
      onEmptyPage(message.through);
    }
  };
  const store: EventStore = {
    append: unsupported('append'),
    appendMany: unsupported('appendMany'),
    readStream: unsupported('readStream'),
    readLatest: unsupported('readLatest'),
    readAll,
    headCheckpoint: () => Promise.resolve(upTo),
    subscribe: unsupported('subscribe'),
    saveSnapshot: unsupported('saveSnapshot'),
    loadSnapshot: unsupported('loadSnapshot'),
    close: () => Promise.resolve(),
  };
  return {
    store,
    push: (message) => {
      const resolve = waiting;
      waiting = null;
      if (resolve === null) queue.push(message);
      else resolve(message);
    },
  };
};
