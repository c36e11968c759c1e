// How many fold threads `lexbot ops replay` starts when not told: none where the database shares two cores with it.
import { describe, expect, it } from 'vitest';
import { defaultFoldWorkers } from '../../../ops/replay/index.js';

describe('default fold threads', () => {
  it('folds in the main thread on two cores or fewer, else one thread per core but one, at most 8', () => {
    expect([1, 2, 3, 4, 9, 64].map((cores) => defaultFoldWorkers(cores))).toEqual([0, 0, 2, 3, 8, 8]);
  });
});
