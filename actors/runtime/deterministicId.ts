// Event ids derived from what caused them (update id, causing event id): a redelivered message decides the same
// ids, so the store's idempotent append turns a repeat into a no-op even after the dedup window has passed.
import { hash } from 'node:crypto';

/** A UUID (version 8, RFC 9562 "custom") from SHA-256 of the parts. */
export const deterministicId = (...parts: readonly (string | number)[]): string => {
  // One-shot hash: no Hash object per id (every event of every message takes one).
  const hex = hash('sha256', parts.join('\u001f'), 'hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
