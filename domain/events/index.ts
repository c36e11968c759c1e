// Event versioning: schema versions, validation and upcasting at the store's edge.
export { CURRENT_SCHEMA_VERSIONS } from './versions.js';
export { EVENT_SCHEMAS, EVENT_TYPES } from './schemas.js';
export { UPCASTERS, findUpcaster, type Upcaster } from './upcasters.js';
export { upcast, toStored, isUserEventType, type StoredEvent } from './upcast.js';
export { EVENT_SHAPE_ERROR_CODES, EventShapeError, type EventShapeErrorCode } from './shape.js';
