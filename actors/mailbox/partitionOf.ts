// Which partition a user's mailbox lives in. 32-bit FNV-1a over the decimal digits of the id, then modulo P.
// Not `id % P`: Telegram ids are not uniform in their low digits across ranges and chat ids are negative, while a
// hash of the decimal text spreads any id set evenly and is trivial to reproduce in another language or an ops tool
// (the same function must be used by every publisher, so it must never change for a deployed partition count).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export const fnv1a32 = (text: string): number => {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
};

export const partitionOf = (id: number | bigint | string, partitions: number): number => {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  return fnv1a32(typeof id === 'string' ? id : id.toString(10)) % partitions;
};
