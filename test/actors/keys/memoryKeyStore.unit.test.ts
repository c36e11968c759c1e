import { describe } from 'vitest';
import { createMemoryKeyStore } from '../../../actors/keys/index.js';
import { keyStoreContract } from './keyStoreContract.js';

describe('memory key store', () => {
  keyStoreContract(async () => ({ keys: createMemoryKeyStore(), cleanup: async () => undefined }));
});
