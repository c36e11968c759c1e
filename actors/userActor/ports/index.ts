export { createMemoryUserDirectory, type PartnerCard, type UserDirectory } from './userDirectory.js';
export { memoryServices, type UserActorServices } from './services.js';
