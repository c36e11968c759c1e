export { createKurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentDbEventStore.js';
export type { KurrentClient } from './context.js';
