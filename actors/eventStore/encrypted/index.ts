// Crypto-shredding wrapper around the EventStore port (Guarantee 7).
export { createEncryptedEventStore, userStreamOwner, type EncryptedEventStoreOptions } from './encryptedEventStore.js';
export { createKeyCache, type KeyCache, type KeyCacheOptions } from './keyCache.js';
export { KEY_VERSION_METADATA, FORGOTTEN_EVENT_TYPE } from './sealing.js';
