// Slices of the stream name space, for readers that split the log between them (a rebuild folding in parallel).
// Adapters that filter in the database use its own hash; the others use this one. Either way a stream's slice
// depends only on its name and the slice count.
import type { StreamSlice } from './types.js';

export const MAX_STREAM_SLICES = 1024;

export const validateStreamSlice = (slice: StreamSlice): StreamSlice => {
  const { index, count } = slice;
  if (!Number.isInteger(count) || count < 1 || count > MAX_STREAM_SLICES || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`invalid stream slice ${JSON.stringify(slice)}: 0 ≤ index < count ≤ ${MAX_STREAM_SLICES}`);
  }
  return slice;
};

/** 32-bit FNV-1a of the name's UTF-16 code units: cheap, and spreads names that differ in one digit. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/** A predicate for the streams of `slice` (everything when there is none). */
export const streamSliceFilter = (slice: StreamSlice | undefined): ((stream: string) => boolean) => {
  if (slice === undefined) return () => true;
  const { index, count } = validateStreamSlice(slice);
  return count === 1 ? () => true : (stream) => fnv1a(stream) % count === index;
};
