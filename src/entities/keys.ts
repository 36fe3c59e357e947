/**
 * Keys (reference §6.12): a JWK must parse and carry the entity's `kid`; PEM keys must load and
 * a public key must belong to the private key given with it.
 */
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import type { EntityHooks } from './hooks.ts';
import type { ErrorTree } from '../admin/validate.ts';

export function keyMaterialCheck(entity: Record<string, unknown>): ErrorTree | null {
  if (typeof entity.jwk === 'string') {
    let jwk: Record<string, unknown>;
    try {
      jwk = JSON.parse(entity.jwk) as Record<string, unknown>;
      if (jwk.kty === 'oct') createSecretKey(Buffer.from(String(jwk.k), 'base64url'));
      else createPublicKey({ key: jwk as never, format: 'jwk' });
    } catch {
      return { '@entity': ['could not load JWK, likely not a valid key'] };
    }
    if (jwk.kid !== entity.kid) return { '@entity': ['kid in jwk.kid must be equal to keys.kid'] };
  }
  const pem = entity.pem as { private_key?: string | null; public_key?: string | null } | null;
  if (pem && typeof pem === 'object') {
    let fromPrivate: string | undefined;
    if (pem.private_key) {
      try {
        fromPrivate = createPublicKey(createPrivateKey(pem.private_key)).export({ type: 'spki', format: 'pem' }).toString();
      } catch {
        return { '@entity': ['could not load private key'] };
      }
    }
    if (pem.public_key) {
      let pub: string;
      try {
        pub = createPublicKey(pem.public_key).export({ type: 'spki', format: 'pem' }).toString();
      } catch {
        return { '@entity': ['could not load public key'] };
      }
      if (fromPrivate !== undefined && fromPrivate !== pub) return { '@entity': ['public key does not match private key'] };
    }
    if (!pem.private_key && !pem.public_key) return { '@entity': ["at least one of these fields must be non-empty: 'pem.private_key', 'pem.public_key'"] };
  }
  return null;
}

export const keyHooks: EntityHooks = {
  checks: { 'key-material': (entity) => keyMaterialCheck(entity) },
};
