// What the wrapper seals in an event, a Bot API call or a snapshot, and how a reader opens it again. Personal fields
// are the ones domain/personalData declares; a captured Bot API call's whole payload is personal (message texts
// name people). The key version goes into the event's metadata so a reader knows which key opens it; an event with
// no version there was stored in the clear (before the wrapper, or with nothing personal) and passes as is.
import { mapPersonalFields, personalFields, REDACTED_TEXT, type PersonalField } from '../../../domain/personalData/index.js';
import { OUTBOX_EVENT_TYPES } from '../../outbox/outboxEvents.js';
import type { UserKey } from '../../keys/index.js';
import type { EventMetadata, NewEvent, RecordedEvent } from '../types.js';
import { isSealed, open, seal } from './cipher.js';

/** Metadata entry naming the owner's key version that sealed this event (or, on UserForgotten, the one it deletes). */
export const KEY_VERSION_METADATA = 'personalDataKey';
export const FORGOTTEN_EVENT_TYPE = 'UserForgotten';

const associated = (owner: string, what: string): string => `${owner}|${what}`;
const redacted = (field: PersonalField): string | null => (field.nullable ? null : REDACTED_TEXT);

const isTelegramCall = (type: string): boolean => type === OUTBOX_EVENT_TYPES.telegramCall;

const payloadOf = (data: unknown): unknown => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>).payload : undefined);

/** True when the event carries something to seal, or is the forget that ends a key version. */
export const needsKey = (event: { readonly type: string; readonly data: unknown }): boolean => {
  if (event.type === FORGOTTEN_EVENT_TYPE) return true;
  if (isTelegramCall(event.type)) return payloadOf(event.data) !== undefined;
  const data = event.data;
  if (typeof data !== 'object' || data === null) return false;
  return personalFields(event.type).some((field) => typeof (data as Record<string, unknown>)[field.path] === 'string');
};

// Spelled out, not as the computed [KEY_VERSION_METADATA]: an object literal with a computed key is built on V8's
// slow path, and this runs for every sealed event. The type keeps the two names the same.
const withVersion = (metadata: EventMetadata | undefined, version: number): EventMetadata =>
  ({ ...metadata, personalDataKey: version }) satisfies { [K in typeof KEY_VERSION_METADATA]: number };

export const sealEvent = (event: NewEvent, key: UserKey): NewEvent => {
  const metadata = withVersion(event.metadata, key.version);
  if (isTelegramCall(event.type)) {
    const data = event.data as Record<string, unknown>;
    return { ...event, metadata, data: { ...data, payload: seal(key.key, JSON.stringify(data.payload), associated(key.owner, 'payload')) } };
  }
  // Sealed as JSON text: UTF-8 would turn a lone surrogate (odd Unicode in a name) into U+FFFD, JSON keeps it exact.
  const sealed = mapPersonalFields(event, (value, field) => seal(key.key, JSON.stringify(value), associated(key.owner, field.path)));
  return { ...sealed, metadata };
};

/** The version an event was sealed with, or undefined for an event stored in the clear. */
export const versionOf = (event: { readonly metadata: EventMetadata }): number | undefined => {
  const version = event.metadata[KEY_VERSION_METADATA];
  return typeof version === 'number' ? version : undefined;
};

const withoutVersion = (metadata: EventMetadata): EventMetadata => {
  const { [KEY_VERSION_METADATA]: _, ...rest } = metadata;
  return rest;
};

/** The event as it was appended; with no key (deleted), personal fields read as redacted and a call's payload as null. */
export const openEvent = <E extends Pick<RecordedEvent, 'type' | 'data' | 'metadata'>>(event: E, owner: string, key: UserKey | null): E => {
  const metadata = withoutVersion(event.metadata);
  if (isTelegramCall(event.type)) {
    const data = event.data as Record<string, unknown>;
    if (!isSealed(data.payload)) return { ...event, metadata };
    const plain = key === null ? null : open(key.key, data.payload, associated(owner, 'payload'));
    return { ...event, metadata, data: { ...data, payload: plain === null ? null : (JSON.parse(plain) as unknown) } };
  }
  const opened = mapPersonalFields(event, (value, field) => {
    if (!isSealed(value)) return value;
    const plain = key === null ? null : open(key.key, value, associated(owner, field.path));
    return plain === null ? redacted(field) : (JSON.parse(plain) as string);
  });
  return { ...opened, metadata };
};

/** A snapshot's state as stored: sealed whole, since a folded state holds names and bios. */
export interface SealedState {
  readonly [KEY_VERSION_METADATA]: number;
  readonly sealedState: string;
}

export const sealState = (state: unknown, key: UserKey): SealedState => ({
  [KEY_VERSION_METADATA]: key.version,
  sealedState: seal(key.key, JSON.stringify(state), associated(key.owner, 'snapshot')),
});

export const isSealedState = (state: unknown): state is SealedState =>
  typeof state === 'object' && state !== null && typeof (state as Record<string, unknown>)[KEY_VERSION_METADATA] === 'number' && isSealed((state as Record<string, unknown>).sealedState);

/** The state, or undefined when the key no longer opens it (the caller folds the stream instead). */
export const openState = (state: SealedState, owner: string, key: UserKey | null): unknown => {
  const plain = key === null ? null : open(key.key, state.sealedState, associated(owner, 'snapshot'));
  return plain === null ? undefined : (JSON.parse(plain) as unknown);
};
