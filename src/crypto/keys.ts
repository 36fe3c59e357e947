/**
 * Private keys and PEM texts as OpenSSL loads them (node:crypto's createPrivateKey and
 * createPublicKey, lua-resty-openssl's pkey.new): PKCS#8, PKCS#1, SEC1 and DSA structures, whose
 * public half is read from the key or derived (EC and EdDSA points by @noble/curves).
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { ed448, x448 } from '@noble/curves/ed448.js';
import { hex } from './bytes.ts';
import { DerError, TAG, bitStringBytes, decode, integer, octetString, pemBlocks, sequence, type Tlv } from './der.ts';
import { CURVES, OTHER_CURVES, algorithm, dsaKey, ecKey, namedCurve, publicKeyFromSpki, rawKey, rsaKey, type KeyType, type PublicKey } from './public-key.ts';

export type { KeyType, PublicKey };

const DERIVE: Partial<Record<KeyType, (secret: Uint8Array) => Uint8Array>> = {
  ed25519: (s) => ed25519.getPublicKey(s),
  ed448: (s) => ed448.getPublicKey(s),
  x25519: (s) => x25519.getPublicKey(s),
  x448: (s) => x448.getPublicKey(s),
};

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
