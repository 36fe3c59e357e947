/**
 * Public keys as OpenSSL loads them (what node:crypto's createPublicKey accepts, and
 * lua-resty-openssl's pkey.new in Kong): SubjectPublicKeyInfo of RSA, RSA-PSS, EC, EdDSA, X25519/X448
 * and DSA keys. A key is reduced to its type and a canonical form of its public part, which is all
 * the mock compares.
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from './bytes.ts';
import { DerError, bitStringBytes, decode, integer, oid, sequence, type Tlv } from './der.ts';

export type KeyType = 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448' | 'x25519' | 'x448' | 'dsa';

/** A public key: its algorithm and a canonical text of its public part (equal keys, equal text). */
export interface PublicKey {
  type: KeyType;
  id: string;
}

const ALGORITHMS: Record<string, KeyType> = {
  '1.2.840.113549.1.1.1': 'rsa',
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10045.2.1': 'ec',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
  '1.3.101.110': 'x25519',
  '1.3.101.111': 'x448',
  '1.2.840.10040.4.1': 'dsa',
};

export const CURVES = { '1.2.840.10045.3.1.7': p256, '1.3.132.0.34': p384, '1.3.132.0.35': p521, '1.3.132.0.10': secp256k1 } as const;

const RAW_LENGTH: Partial<Record<KeyType, number>> = { ed25519: 32, ed448: 57, x25519: 32, x448: 56 };

export const rsaKey = (type: KeyType, n: bigint, e: bigint): PublicKey => {
  if (n <= 0n || e <= 0n) throw new DerError('bad RSA key');
  return { type, id: `${type}:${n.toString(16)}:${e.toString(16)}` };
};

// Named curves OpenSSL knows that @noble/curves does not: their points are taken as they are.
export const OTHER_CURVES = new Set(['1.2.840.10045.3.1.1', '1.3.132.0.33', '1.3.36.3.3.2.8.1.1.7', '1.3.36.3.3.2.8.1.1.11', '1.3.36.3.3.2.8.1.1.13']);

/** An EC public point on a named curve; points on the curves noble knows are checked and made uncompressed. */
export function ecKey(curve: string, point: Uint8Array): PublicKey {
  const impl = CURVES[curve as keyof typeof CURVES];
  if (!impl && !OTHER_CURVES.has(curve)) throw new DerError('unsupported curve');
  const canonical = impl ? impl.Point.fromBytes(point).toBytes(false) : point;
  return { type: 'ec', id: `ec:${curve}:${hex(canonical)}` };
}

export function rawKey(type: KeyType, bytes: Uint8Array): PublicKey {
  if (bytes.length !== RAW_LENGTH[type]) throw new DerError(`bad ${type} key length`);
  return { type, id: `${type}:${hex(bytes)}` };
}

/** An AlgorithmIdentifier: the algorithm's OID and its optional parameters. */
export function algorithmId(tlv: Tlv | undefined): { id: string; params?: Tlv } {
  const [id, params, ...rest] = sequence(tlv, 1);
  if (rest.length > 0) throw new DerError('bad algorithm identifier');
  return { id: oid(id), params };
}

export function algorithm(tlv: Tlv | undefined): { type: KeyType; params?: Tlv } {
  const { id, params } = algorithmId(tlv);
  const type = ALGORITHMS[id];
  if (!type) throw new DerError('unsupported key algorithm');
  return { type, params };
}

export const namedCurve = (params: Tlv | undefined): string => oid(params);

export function dsaKey(params: Tlv | undefined, y: bigint): PublicKey {
  const [p, q, g] = sequence(params, 3).map(integer);
  return { type: 'dsa', id: `dsa:${p.toString(16)}:${q.toString(16)}:${g.toString(16)}:${y.toString(16)}` };
}

/** SubjectPublicKeyInfo (the `PUBLIC KEY` PEM, and the key inside a certificate). */
export function publicKeyFromSpki(tlv: Tlv): PublicKey {
  const [alg, bits] = sequence(tlv, 2);
  const { type, params } = algorithm(alg);
  const key = bitStringBytes(bits);
  if (type === 'rsa' || type === 'rsa-pss') {
    const [n, e] = sequence(decode(key), 2).map(integer);
    return rsaKey(type, n, e);
  }
  if (type === 'ec') return ecKey(namedCurve(params), key);
  if (type === 'dsa') return dsaKey(params, integer(decode(key)));
  return rawKey(type, key);
}
