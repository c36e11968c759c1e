import { createMemoryDispatcherState } from '../../../gateway/dispatcher/index.js';
import { dispatcherStateContract } from './dispatcherStateContract.js';

dispatcherStateContract('memory', async () => {
  const state = createMemoryDispatcherState();
  return { state, reopen: () => state, cleanup: async () => undefined };
});
