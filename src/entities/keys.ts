/**
 * Keys (reference §6.12): a JWK must parse and carry the entity's `kid`; PEM keys must load and
 * a public key must belong to the private key given with it (checked by the `pem` record's own
 * validator, so the message lands on `pem` as in Kong).
 */
import { loadJwk, sameKey } from '../crypto/index.ts';
import { parsePrivateKey, parsePublicKey } from './pem.ts';
import { isReference } from './vault-reference.ts';
import type { EntityHooks } from './hooks.ts';
import type { ErrorTree } from '../admin/validate.ts';

/** The entity check on `jwk`, in Kong's order: it must decode, carry the entity's kid, then load as a key. */
export function keyMaterialCheck(entity: Record<string, unknown>): ErrorTree | null {
  if (typeof entity.jwk !== 'string' || isReference(entity.jwk)) return null;
  let jwk: unknown;
  try {
    jwk = JSON.parse(entity.jwk);
  } catch {
    return { '@entity': ['could not json decode jwk string'] };
  }
  const fields = typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk) ? (jwk as Record<string, unknown>) : {};
  if (fields.kid !== entity.kid) return { '@entity': ['kid in jwk.kid must be equal to keys.kid'] };
  if (!loadJwk(fields)) return { '@entity': ['could not load JWK, likely not a valid key'] };
  return null;
}

/**
 * The `pem` record's own validator (Kong's message lands on `pem`): the public key must load, then
 * the private key, and a pair must match. Vault references are not checked.
 */
export function pemKeyPair(value: unknown): string | null {
  const pem = value as { private_key?: unknown; public_key?: unknown };
  if (isReference(pem.private_key) || isReference(pem.public_key)) return null;
  const pub = typeof pem.public_key === 'string' ? parsePublicKey(pem.public_key) : undefined;
  if (typeof pem.public_key === 'string' && !pub) return 'could not load public key';
  const fromPrivate = typeof pem.private_key === 'string' ? parsePrivateKey(pem.private_key) : undefined;
  if (typeof pem.private_key === 'string' && !fromPrivate) return 'could not load private key';
  return pub && fromPrivate && !sameKey(pub.publicKey, fromPrivate.publicKey) ? 'public key does not match private key' : null;
}

export const keyHooks: EntityHooks = {
  checks: { 'key-material': (entity) => keyMaterialCheck(entity) },
};
