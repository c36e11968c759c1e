// An in-memory stand-in for the part of @kurrent/kurrentdb-client this adapter uses, following KurrentDB's documented
// behaviour: 0-based revisions, idempotent re-appends (same ids at the same expected revision succeed without a second
// write; a partial match is a WrongExpectedVersion), $all read from a position *including* it, system events in $all,
// $maxCount stream metadata, and atomic multiStreamAppend with string-only metadata. It lets the contract suite run
// against the adapter's own logic where no server is available; it proves nothing about the server itself.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  StreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../../../actors/eventStore/kurrentdb/context.js';

interface Stored {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: string;
  readonly metadata: string | undefined;
  readonly created: Date;
  readonly position: Position;
}

export interface FakeKurrentOptions {
  /** Answer multiStreamAppend with UnsupportedError, like servers before 25.1. */
  readonly multiStreamAppend?: boolean;
}

const RECORD_SIZE = 137n; // positions are byte offsets in the server's log; any increasing step will do

export const createFakeKurrentClient = (options: FakeKurrentOptions = {}): KurrentClient => {
  const log: Stored[] = [];
  const streams = new Map<string, Stored[]>();
  const maxCounts = new Map<string, number>();
  const live = new Set<EventEmitter>();
  let next = 0n;

  const currentOf = (stream: string): bigint | 'no_stream' => {
    const events = streams.get(stream);
    return events === undefined || events.length === 0 ? 'no_stream' : events[events.length - 1]!.revision;
  };

  /** KurrentDB's commit check: 'ok' to write, 'idempotent' (already written), or a conflict. */
  const check = (stream: string, state: AppendStreamState, events: readonly EventData[]): 'ok' | 'idempotent' | 'conflict' => {
    const current = currentOf(stream);
    const last = current === 'no_stream' ? -1n : current;
    const stored = streams.get(stream) ?? [];
    const matchesFrom = (first: bigint): 'idempotent' | 'conflict' | 'none' => {
      const found = events.map((event, index) => stored[Number(first) + index]);
      if (found[0]?.id !== events[0]!.id) return 'none';
      return found.every((event, index) => event?.id === events[index]!.id) ? 'idempotent' : 'conflict';
    };
    if (state === 'any') {
      const index = stored.findIndex((event) => event.id === events[0]!.id);
      if (index < 0) return 'ok';
      const result = matchesFrom(BigInt(index));
      return result === 'none' ? 'ok' : result;
    }
    if (state === 'stream_exists') return current === 'no_stream' ? 'conflict' : 'ok';
    const expected = state === 'no_stream' ? -1n : state;
    if (expected === last) return 'ok';
    if (expected > last) return 'conflict';
    const result = matchesFrom(expected + 1n);
    return result === 'idempotent' ? 'idempotent' : 'conflict';
  };

  const write = (stream: string, events: readonly EventData[]): Stored[] => {
    const existing = streams.get(stream) ?? [];
    const base = existing.length;
    // Like the server: the events of one write share the commit position of its first record.
    const commit = next;
    const written = events.map((event, index): Stored => {
      const prepare = next;
      next += RECORD_SIZE;
      return {
        streamId: stream,
        id: event.id.toLowerCase(),
        revision: BigInt(base + index),
        type: event.type,
        isJson: event.contentType === 'application/json',
        data: event.contentType === 'application/json' ? JSON.stringify(event.data) : Buffer.from(event.data).toString('utf8'),
        metadata: event.metadata === undefined ? undefined : JSON.stringify(event.metadata),
        created: new Date(),
        position: { commit, prepare },
      };
    });
    streams.set(stream, [...existing, ...written]);
    log.push(...written);
    return written;
  };

  const resolved = (event: Stored) => ({
    event: {
      streamId: event.streamId,
      id: event.id,
      revision: event.revision,
      type: event.type,
      isJson: event.isJson,
      data: event.isJson ? (JSON.parse(event.data) as unknown) : Buffer.from(event.data),
      metadata: event.metadata === undefined ? undefined : (JSON.parse(event.metadata) as unknown),
      created: event.created,
      position: event.position,
    },
    commitPosition: event.position.commit,
  });

  const conflict = (stream: string, expected: AppendStreamState) =>
    new WrongExpectedVersionError(undefined, { streamName: stream, expected, current: currentOf(stream) });

  const publish = (events: readonly Stored[]): void => {
    for (const subscriber of live) for (const event of events) subscriber.emit('data', resolved(event));
  };

  const visible = (stream: string): Stored[] => {
    const events = streams.get(stream) ?? [];
    const max = maxCounts.get(stream);
    return max === undefined ? events : events.slice(-max);
  };

  const matches = (filter: Filter | undefined, event: Stored): boolean => {
    if (filter === undefined) return true;
    const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
    return 'regex' in filter ? new RegExp(filter.regex).test(subject) : filter.prefixes.some((prefix) => subject.startsWith(prefix));
  };

  const after = (position: ReadPosition, event: Stored): boolean =>
    position === 'start' ||
    (position !== 'end' &&
      (event.position.commit > position.commit || (event.position.commit === position.commit && event.position.prepare >= position.prepare)));

  const client = {
    async appendToStream(stream: string, eventOrEvents: EventData | EventData[], appendOptions: { streamState?: AppendStreamState } = {}) {
      const events = Array.isArray(eventOrEvents) ? eventOrEvents : [eventOrEvents];
      const state = appendOptions.streamState ?? 'any';
      const decision = check(stream, state, events);
      if (decision === 'conflict') throw conflict(stream, state);
      if (decision === 'idempotent') {
        const stored = streams.get(stream)!.find((event) => event.id === events[events.length - 1]!.id)!;
        return { success: true, nextExpectedRevision: stored.revision, position: stored.position };
      }
      const written = write(stream, events);
      publish(written);
      const last = written[written.length - 1]!;
      return { success: true, nextExpectedRevision: last.revision, position: last.position };
    },
    async multiStreamAppend(requests: { streamName: string; events: EventData[]; expectedState: AppendStreamState }[]) {
      if (options.multiStreamAppend === false) throw new UnsupportedError('multiStreamAppend', '25.1');
      for (const request of requests) {
        for (const event of request.events) {
          const metadata = event.metadata as unknown;
          if (metadata !== undefined && (typeof metadata !== 'object' || Object.values(metadata as object).some((value) => typeof value !== 'string'))) {
            throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
          }
        }
      }
      // All or nothing: the first failing check fails the whole request.
      for (const request of requests) {
        if (check(request.streamName, request.expectedState, request.events) === 'conflict') throw conflict(request.streamName, request.expectedState);
      }
      const written = requests.map((request) =>
        check(request.streamName, request.expectedState, request.events) === 'idempotent' ? [] : write(request.streamName, request.events),
      );
      publish(written.flat());
      return {
        position: written.flat().at(-1)?.position.commit ?? next,
        responses: requests.map((request) => ({ streamName: request.streamName, revision: currentOf(request.streamName) as bigint })),
      };
    },
    readStream(stream: string, readOptions: { fromRevision?: ReadRevision; maxCount?: number | bigint; direction?: string } = {}) {
      return (async function* () {
        const events = visible(stream);
        if (events.length === 0) throw new StreamNotFoundError(undefined, stream);
        const max = Number(readOptions.maxCount ?? Number.MAX_SAFE_INTEGER);
        const from = readOptions.fromRevision ?? (readOptions.direction === 'backwards' ? 'end' : 'start');
        const ordered = readOptions.direction === 'backwards' ? [...events].reverse() : events;
        const selected = ordered.filter((event) =>
          from === 'start' || from === 'end' ? true : readOptions.direction === 'backwards' ? event.revision <= from : event.revision >= from,
        );
        for (const event of selected.slice(0, max)) yield resolved(event);
      })();
    },
    readAll(readOptions: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: string; filter?: Filter } = {}) {
      return (async function* () {
        const backwards = readOptions.direction === 'backwards';
        const from = readOptions.fromPosition ?? (backwards ? 'end' : 'start');
        const max = Number(readOptions.maxCount ?? Number.MAX_SAFE_INTEGER);
        const ordered = backwards ? [...log].reverse() : log.slice();
        // The adapter reads backwards only from the end (headCheckpoint), so a backwards read starts there.
        const selected = ordered.filter((event) => matches(readOptions.filter, event) && (backwards || after(from, event)));
        for (const event of selected.slice(0, max)) yield resolved(event);
      })();
    },
    subscribeToAll(subscribeOptions: { filter?: Filter } = {}) {
      const emitter = new EventEmitter();
      const forward = new EventEmitter();
      emitter.on('data', (event: ReturnType<typeof resolved>) => {
        if (subscribeOptions.filter === undefined || new RegExp((subscribeOptions.filter as { regex: string }).regex).test(event.event.streamId)) {
          forward.emit('data', event);
        }
      });
      live.add(emitter);
      return Object.assign(forward, {
        async unsubscribe() {
          live.delete(emitter);
          forward.emit('end');
        },
      });
    },
    async setStreamMetadata(stream: string, metadata: { maxCount?: number }) {
      if (metadata.maxCount !== undefined) maxCounts.set(stream, metadata.maxCount);
      const written = write(`$$${stream}`, [{ id: randomUUID(), contentType: 'application/json', type: '$metadata', data: { $maxCount: metadata.maxCount }, metadata: undefined }]);
      publish(written);
      return { success: true, nextExpectedRevision: written[0]!.revision, position: written[0]!.position };
    },
    async dispose() {
      live.clear();
    },
  };
  // A system event at the start of the log, as every real server has ($epoch records and the like).
  write('$epochs', [{ id: randomUUID(), contentType: 'application/json', type: '$epoch-information', data: {}, metadata: undefined }]);
  return client as unknown as KurrentClient;
};
