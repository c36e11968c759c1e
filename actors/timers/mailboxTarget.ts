// Where a message for `user:<id>` (or `chat:<id>`) goes: the partition of its id, exactly as the gateway computes
// it for Telegram updates, so commands, timers and updates of one user share one ordered partition.
import { partitionOf } from '../mailbox/partitionOf.js';
import { TimerError } from './types.js';

const TARGET = /^([a-z]+):(-?\d{1,20})$/;

export const targetPartition = (target: string, partitions: number): number => {
  const match = TARGET.exec(target);
  if (match === null) throw new TimerError('INVALID_TIMER', `mailbox target must look like user:<id>, got ${JSON.stringify(target)}`);
  return partitionOf(match[2]!, partitions);
};
