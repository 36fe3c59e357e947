/**
 * Public and private keys as OpenSSL loads them (what node:crypto's createPublicKey and
 * createPrivateKey accept, and lua-resty-openssl's pkey.new in Kong): SubjectPublicKeyInfo,
 * PKCS#8, PKCS#1 and SEC1 structures, and JWKs. A key is reduced to its type and a canonical
 * form of its public part, which is all the mock compares.
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { ed448, x448 } from '@noble/curves/ed448.js';
import { fromBase64, hex } from './bytes.ts';
import { DerError, TAG, bitStringBytes, decode, integer, octetString, oid, pemBlocks, sequence, type Tlv } from './der.ts';

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

const CURVES = { '1.2.840.10045.3.1.7': p256, '1.3.132.0.34': p384, '1.3.132.0.35': p521, '1.3.132.0.10': secp256k1 } as const;
const JWK_CURVES: Record<string, keyof typeof CURVES> = { 'P-256': '1.2.840.10045.3.1.7', 'P-384': '1.3.132.0.34', 'P-521': '1.3.132.0.35', secp256k1: '1.3.132.0.10' };

const RAW_LENGTH: Partial<Record<KeyType, number>> = { ed25519: 32, ed448: 57, x25519: 32, x448: 56 };
const DERIVE: Partial<Record<KeyType, (secret: Uint8Array) => Uint8Array>> = {
  ed25519: (s) => ed25519.getPublicKey(s),
  ed448: (s) => ed448.getPublicKey(s),
  x25519: (s) => x25519.getPublicKey(s),
  x448: (s) => x448.getPublicKey(s),
};

const rsaKey = (type: KeyType, n: bigint, e: bigint): PublicKey => {
  if (n <= 0n || e <= 0n) throw new DerError('bad RSA key');
  return { type, id: `${type}:${n.toString(16)}:${e.toString(16)}` };
};

// Named curves OpenSSL knows that @noble/curves does not: their points are taken as they are.
const OTHER_CURVES = new Set(['1.2.840.10045.3.1.1', '1.3.132.0.33', '1.3.36.3.3.2.8.1.1.7', '1.3.36.3.3.2.8.1.1.11', '1.3.36.3.3.2.8.1.1.13']);

/** An EC public point on a named curve; points on the curves noble knows are checked and made uncompressed. */
function ecKey(curve: string, point: Uint8Array): PublicKey {
  const impl = CURVES[curve as keyof typeof CURVES];
  if (!impl && !OTHER_CURVES.has(curve)) throw new DerError('unsupported curve');
  const canonical = impl ? impl.Point.fromBytes(point).toBytes(false) : point;
  return { type: 'ec', id: `ec:${curve}:${hex(canonical)}` };
}

function rawKey(type: KeyType, bytes: Uint8Array): PublicKey {
  if (bytes.length !== RAW_LENGTH[type]) throw new DerError(`bad ${type} key length`);
  return { type, id: `${type}:${hex(bytes)}` };
}

/** An AlgorithmIdentifier: the algorithm's OID and its optional parameters. */
export function algorithmId(tlv: Tlv | undefined): { id: string; params?: Tlv } {
  const [id, params, ...rest] = sequence(tlv, 1);
  if (rest.length > 0) throw new DerError('bad algorithm identifier');
  return { id: oid(id), params };
}

function algorithm(tlv: Tlv | undefined): { type: KeyType; params?: Tlv } {
  const { id, params } = algorithmId(tlv);
  const type = ALGORITHMS[id];
  if (!type) throw new DerError('unsupported key algorithm');
  return { type, params };
}

const namedCurve = (params: Tlv | undefined): string => oid(params);

function dsaKey(params: Tlv | undefined, y: bigint): PublicKey {
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

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** SEC1 ECPrivateKey: the public point when the key carries it, else derived from the secret. */
function sec1Key(tlv: Tlv, curveFromAlgorithm?: string): PublicKey {
  const [version, secret, ...rest] = sequence(tlv, 2);
  if (integer(version) !== 1n) throw new DerError('bad EC key version');
  const d = octetString(secret);
  // the optional [0] parameters and [1] public key, in that order, and nothing else
  const params = rest[0]?.tag === 0xa0 ? rest.shift() : undefined;
  const included = rest[0]?.tag === 0xa1 ? rest.shift() : undefined;
  if (rest.length > 0) throw new DerError('unexpected element in EC key');
  const curve = params ? namedCurve(sequenceOfExplicit(params)) : curveFromAlgorithm;
  if (!curve || (curveFromAlgorithm && curve !== curveFromAlgorithm)) throw new DerError('EC key without a curve');
  if (included) return ecKey(curve, bitStringBytes(sequenceOfExplicit(included)));
  const impl = CURVES[curve as keyof typeof CURVES];
  if (!impl) {
    if (!OTHER_CURVES.has(curve)) throw new DerError('unsupported curve');
    return { type: 'ec', id: `ec:${curve}:secret:${hex(d)}` };
  }
  // some encoders drop the secret's leading zero bytes
  const size = impl.lengths.secretKey ?? d.length;
  if (d.length > size) throw new DerError('EC secret too long');
  const padded = new Uint8Array(size);
  padded.set(d, size - d.length);
  return ecKey(curve, impl.getPublicKey(padded, false));
}

/** The one element inside an explicit context tag ([0] and [1] of SEC1). */
function sequenceOfExplicit(tlv: Tlv): Tlv {
  return decode(tlv.value);
}

function pkcs8Key(tlv: Tlv): PublicKey {
  const [version, alg, secret] = sequence(tlv, 3);
  if (integer(version) > 1n) throw new DerError('bad PKCS#8 version');
  const { type, params } = algorithm(alg);
  const inner = octetString(secret);
  if (type === 'rsa' || type === 'rsa-pss') return pkcs1PrivateKey(decode(inner), type);
  if (type === 'ec') return sec1Key(decode(inner), namedCurve(params));
  if (type === 'dsa') {
    const [p, , g] = sequence(params, 3).map(integer);
    return dsaKey(params, modPow(g, integer(decode(inner)), p));
  }
  const seed = octetString(decode(inner));
  const derive = DERIVE[type];
  if (!derive) throw new DerError('unsupported key algorithm');
  return rawKey(type, derive(seed));
}

function pkcs1PrivateKey(tlv: Tlv, type: KeyType = 'rsa'): PublicKey {
  const [version, n, e] = sequence(tlv, 9);
  if (integer(version) > 1n) throw new DerError('bad RSA key version');
  return rsaKey(type, integer(n), integer(e));
}

/** The DSA private key OpenSSL writes (`DSA PRIVATE KEY`): version, p, q, g, y, x. */
function dsaPrivateKey(tlv: Tlv): PublicKey {
  const [version, p, q, g, y] = sequence(tlv, 6);
  if (integer(version) !== 0n) throw new DerError('bad DSA key version');
  return { type: 'dsa', id: `dsa:${[p, q, g, y].map((t) => integer(t).toString(16)).join(':')}` };
}

// A PEM label naming a key type admits only keys of that type; `PRIVATE KEY` (and `ENCRYPTED
// PRIVATE KEY` over a key that is not encrypted) admits any: OpenSSL 3 tries every decoder it has.
const LABEL_TYPES: Record<string, KeyType[]> = { 'RSA PRIVATE KEY': ['rsa'], 'EC PRIVATE KEY': ['ec'], 'DSA PRIVATE KEY': ['dsa'] };

/** A private key's public half, whatever the structure. */
function privateKeyFromDer(der: Uint8Array, label: string): PublicKey {
  const tlv = decode(der, TAG.sequence);
  for (const read of [pkcs8Key, pkcs1PrivateKey, sec1Key, dsaPrivateKey]) {
    let key: PublicKey;
    try {
      key = read(tlv);
    } catch {
      continue; // not this structure
    }
    if (LABEL_TYPES[label] && !LABEL_TYPES[label].includes(key.type)) break;
    return key;
  }
  throw new DerError('not a private key');
}

function publicKeyFromDer(der: Uint8Array): PublicKey {
  const tlv = decode(der, TAG.sequence);
  try {
    return publicKeyFromSpki(tlv);
  } catch {
    // PKCS#1 RSAPublicKey: just the modulus and the exponent
    const items = sequence(tlv);
    if (items.length !== 2) throw new DerError('not a public key');
    return rsaKey('rsa', integer(items[0]), integer(items[1]));
  }
}

const isPrivateLabel = (label: string): boolean => label.endsWith('PRIVATE KEY');

/** The public half of the first private key of a PEM text (createPrivateKey), or undefined. */
export function loadPrivateKey(pem: string): PublicKey | undefined {
  for (const block of pemBlocks(pem)) {
    if (!isPrivateLabel(block.label)) continue;
    try {
      return privateKeyFromDer(block.der, block.label);
    } catch {
      // OpenSSL goes on to the next block
    }
  }
  return undefined;
}

/**
 * The first public key of a PEM text as createPublicKey reads it: a `PUBLIC KEY` or
 * `RSA PUBLIC KEY`, a certificate's key, or the public half of a private key. Undefined when none loads.
 */
export function loadPublicKey(pem: string, certificateKey: (der: Uint8Array) => PublicKey): PublicKey | undefined {
  for (const block of pemBlocks(pem)) {
    try {
      if (block.label === 'PUBLIC KEY' || block.label === 'RSA PUBLIC KEY') return publicKeyFromDer(block.der);
      if (block.label === 'CERTIFICATE' || block.label === 'X509 CERTIFICATE') return certificateKey(block.der);
      if (isPrivateLabel(block.label)) return privateKeyFromDer(block.der, block.label);
    } catch {
      // the next block
    }
  }
  return undefined;
}

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
