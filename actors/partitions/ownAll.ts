// Single-node ownership: one worker, every partition.
import type { OwnershipChange, PartitionOwnership } from './types.js';

export const createOwnAllPartitions = (partitions: number): PartitionOwnership => {
  const all = new Set(Array.from({ length: partitions }, (_, partition) => partition));
  const none = new Set<number>();
  const listeners = new Set<(change: OwnershipChange) => void>();
  let started = false;
  const emit = (change: OwnershipChange): void => listeners.forEach((listener) => listener(change));
  return {
    owned: () => (started ? all : none),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      started = true;
      emit({ gained: [...all], lost: [] });
    },
    async stop() {
      if (!started) return;
      started = false;
      emit({ gained: [], lost: [...all] });
    },
  };
};
