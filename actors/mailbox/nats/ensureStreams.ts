// Creates or updates the mailbox and dead-letter streams at start, idempotently: several gateways may start at once
// and each one simply converges the stream to the configuration it was given.
import { DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsNames } from './names.js';

export interface StreamSettings {
  readonly duplicateWindowMs: number;
  /** How long handled messages stay in the mailbox stream (for inspection and replay by operators). */
  readonly retentionMs: number;
  readonly replicas: number;
}

const ensureStream = async (jsm: JetStreamManager, name: string, subjects: string, settings: StreamSettings, maxAgeMs: number): Promise<void> => {
  const mutable = { subjects: [subjects], duplicate_window: nanos(settings.duplicateWindowMs), max_age: nanos(maxAgeMs) };
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    try {
      await jsm.streams.add({
        name,
        ...mutable,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        num_replicas: settings.replicas,
      });
      return;
    } catch (addError) {
      // Another process created it between our info and add: fall through to the update.
      if (!(addError instanceof JetStreamApiError)) throw addError;
    }
  }
  await jsm.streams.update(name, mutable);
};

export const ensureStreams = async (jsm: JetStreamManager, names: NatsNames, settings: StreamSettings): Promise<void> => {
  // Dead letters are kept far longer than handled messages: an operator has to look at them.
  await ensureStream(jsm, names.mailboxStream, names.mailboxSubjects, settings, settings.retentionMs);
  await ensureStream(jsm, names.dlqStream, names.dlqSubjects, settings, Math.max(settings.retentionMs, 30 * 24 * 3600_000));
};
