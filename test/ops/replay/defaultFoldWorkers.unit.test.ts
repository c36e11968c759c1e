// How many fold threads `lexbot ops replay` starts when not told: none on one core, two on two.
import { describe, expect, it } from 'vitest';
import { defaultFoldWorkers } from '../../../ops/replay/index.js';

describe('default fold threads', () => {
  it('folds in the main thread on one core, in two threads on two, else one thread per core but one, at most 8', () => {
    expect([1, 2, 3, 4, 9, 64].map((cores) => defaultFoldWorkers(cores))).toEqual([0, 2, 2, 3, 8, 8]);
  });
});
