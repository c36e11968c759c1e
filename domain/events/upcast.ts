// Reading and writing events at the store's edge: upcast() turns a stored { type, schemaVersion, data } into a
// current, validated UserEvent (old versions lifted by the upcasters); toStored() is its inverse for new events.
import type { UserEvent, UserEventType } from '../user/events.js';
import { EVENT_SCHEMAS } from './schemas.js';
import { EventShapeError, ShapeMismatch } from './shape.js';
import { findUpcaster } from './upcasters.js';
import { CURRENT_SCHEMA_VERSIONS } from './versions.js';

export interface StoredEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export const isUserEventType = (type: string): type is UserEventType => Object.hasOwn(CURRENT_SCHEMA_VERSIONS, type);

export const upcast = (stored: StoredEvent): UserEvent => {
  const { type, schemaVersion } = stored;
  if (!isUserEventType(type)) throw new EventShapeError('unknown_event_type', type, 'not a user event');
  const current = CURRENT_SCHEMA_VERSIONS[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current)
    throw new EventShapeError('unsupported_version', type, `version ${String(schemaVersion)}, current ${current}`);
  try {
    let data = stored.data;
    for (let version = schemaVersion; version < current; version += 1) {
      const upcaster = findUpcaster(type, version);
      if (upcaster === undefined) throw new EventShapeError('missing_upcaster', type, `from version ${version}`);
      data = upcaster.up(data);
    }
    return { type, data: EVENT_SCHEMAS[type](data, '') } as UserEvent;
  } catch (error) {
    if (error instanceof ShapeMismatch) throw new EventShapeError('invalid_shape', type, error.message);
    throw error;
  }
};

export const toStored = (event: UserEvent): StoredEvent & { readonly type: UserEventType } => ({
  type: event.type,
  schemaVersion: CURRENT_SCHEMA_VERSIONS[event.type],
  data: event.data,
});
