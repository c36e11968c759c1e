// AES-256-GCM for one personal value. The sealed form is text, so it fits where the plain string was: a marker,
// then base64 of nonce (12 bytes) | tag (16 bytes) | ciphertext. The associated data binds a value to its owner and
// field, so a sealed value copied into another user's event or another field does not open.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

const MARKER = 'pd1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

// Per-operation setup dominates the cost of sealing short values, so the imported key is kept per key buffer (the
// key cache hands out the same Buffer while it holds the key) and nonces come from a pool of random bytes.
const imported = new WeakMap<Buffer, KeyObject>();
const keyObject = (key: Buffer): KeyObject => {
  let object = imported.get(key);
  if (object === undefined) imported.set(key, (object = createSecretKey(key)));
  return object;
};

const POOL_NONCES = 512;
let pool = Buffer.alloc(0);
let offset = 0;
const nonce = (): Buffer => {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * POOL_NONCES);
    offset = 0;
  }
  offset += NONCE_BYTES;
  // A view, not a copy: the pool is replaced when used up, never written again, and seal() only reads the nonce.
  return pool.subarray(offset - NONCE_BYTES, offset);
};

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(MARKER);

export const seal = (key: Buffer, plain: string, associated: string): string => {
  const iv = nonce();
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  // One concat, of known length (GCM's final() yields no bytes, but it is kept in, not assumed away).
  const body = cipher.update(plain, 'utf8');
  const rest = cipher.final();
  return MARKER + Buffer.concat([iv, cipher.getAuthTag(), body, rest], NONCE_BYTES + TAG_BYTES + body.length + rest.length).toString('base64');
};

/** The plain text, or null when the key does not open it (wrong key, wrong owner or field, tampered). */
export const open = (key: Buffer, sealed: string, associated: string): string | null => {
  const raw = Buffer.from(sealed.slice(MARKER.length), 'base64');
  if (raw.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    // The raw key unless already imported: a cold load opens two or three values with a key it has just read,
    // and importing it (a KeyObject) cost as much as the decipher itself.
    const decipher = createDecipheriv('aes-256-gcm', imported.get(key) ?? key, raw.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    const plain = decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES));
    // GCM yields every byte from update(); final() only checks the tag (and throws when it does not match).
    decipher.final();
    return plain.toString('utf8');
  } catch {
    return null;
  }
};
