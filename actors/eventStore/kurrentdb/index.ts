export { createKurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentDbEventStore.js';
export type { KurrentClient } from './reads.js';
