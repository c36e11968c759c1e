import { createMemoryTimerStore } from '../../../actors/timers/index.js';
import { timerStoreContract } from './timerStoreContract.js';

timerStoreContract('memory', async () => ({ store: createMemoryTimerStore(), cleanup: async () => undefined }));
