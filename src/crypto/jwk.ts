/**
 * JWKs as node:crypto's createPublicKey({format: 'jwk'}) loads them: RSA, EC on the curves JOSE
 * names, and OKP keys; only the public members count.
 */
import { fromBase64, hex } from './bytes.ts';
import { DerError } from './der.ts';
import { CURVES, ecKey, rawKey, rsaKey, type PublicKey } from './public-key.ts';

const JWK_CURVES: Record<string, keyof typeof CURVES> = { 'P-256': '1.2.840.10045.3.1.7', 'P-384': '1.3.132.0.34', 'P-521': '1.3.132.0.35', secp256k1: '1.3.132.0.10' };

const jwkBytes = (value: unknown): Uint8Array => {
  if (typeof value !== 'string') throw new DerError('JWK member is not a string');
  return fromBase64(value);
};
const jwkInteger = (value: unknown): bigint => BigInt(`0x0${hex(jwkBytes(value))}`);

/** A JWK as createPublicKey({format: 'jwk'}) loads it (only the public members count); `oct` keys are secrets. */
export function loadJwk(jwk: Record<string, unknown>): PublicKey | 'secret' | undefined {
  try {
    if (jwk.kty === 'oct') return 'secret';
    if (jwk.kty === 'RSA') return rsaKey('rsa', jwkInteger(jwk.n), jwkInteger(jwk.e));
    if (jwk.kty === 'EC') {
      const curve = JWK_CURVES[String(jwk.crv)];
      if (!curve) return undefined;
      const size = CURVES[curve].lengths.publicKeyUncompressed! >> 1;
      const coordinate = (v: unknown): Uint8Array => {
        const b = jwkBytes(v);
        if (b.length > size) throw new DerError('EC coordinate too long');
        const out = new Uint8Array(size);
        out.set(b, size - b.length);
        return out;
      };
      const x = coordinate(jwk.x);
      const y = coordinate(jwk.y);
      const point = new Uint8Array(1 + 2 * size);
      point[0] = 4;
      point.set(x, 1);
      point.set(y, 1 + size);
      return ecKey(curve, point);
    }
    if (jwk.kty === 'OKP') {
      const type = ({ Ed25519: 'ed25519', Ed448: 'ed448', X25519: 'x25519', X448: 'x448' } as const)[String(jwk.crv) as 'Ed25519'];
      return type ? rawKey(type, jwkBytes(jwk.x)) : undefined;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
