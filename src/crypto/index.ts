/**
 * The cryptography the core needs, the same in Node and in a browser, and synchronous (the
 * validators are): digests and PBKDF2 from @noble/hashes, random values from the Web Crypto
 * `crypto` global (Node 20 has it too), certificates and keys read by our own small DER reader,
 * with EC and EdDSA public keys derived and checked by @noble/curves. Nothing here imports a Node
 * built-in.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { hex, utf8Bytes } from './bytes.ts';
import { loadPrivateKey, loadPublicKey, type KeyType, type PublicKey } from './keys.ts';
import { loadJwk } from './jwk.ts';
import { certificateKey, loadCertificate, type Certificate } from './x509.ts';

export type { Certificate, KeyType, PublicKey };
export { loadCertificate, loadJwk, loadPrivateKey };

const bytes = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? utf8Bytes(data) : data);

export type Digest = 'md5' | 'sha1' | 'sha256';
const DIGESTS = { md5, sha1, sha256 };

/** A digest of a text (UTF-8) or of bytes, as lower-case hex. */
export const digestHex = (algorithm: Digest, data: string | Uint8Array): string => hex(DIGESTS[algorithm](bytes(data)));

/** The raw digest of bytes. */
export const digest = (algorithm: Digest, data: Uint8Array): Uint8Array => DIGESTS[algorithm](data);

/** PBKDF2 with HMAC-SHA-512 (oauth2's hash_secret). */
export const pbkdf2Sha512 = (password: string, salt: Uint8Array, iterations: number, length: number): Uint8Array =>
  pbkdf2(sha512, utf8Bytes(password), salt, { c: iterations, dkLen: length });

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** A version 4 UUID; browsers offer randomUUID only in secure contexts, so it is built by hand elsewhere. */
export function randomUUID(): string {
  if (typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A public key as createPublicKey reads a PEM text: a public key, a certificate's, or a private key's public half. */
export const loadPublicKeyPem = (pem: string): PublicKey | undefined => loadPublicKey(pem, certificateKey);

/** Whether two loaded keys are the same public key. */
export const sameKey = (a: PublicKey, b: PublicKey): boolean => a.id === b.id;
