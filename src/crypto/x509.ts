/**
 * X.509 certificates as OpenSSL reads them for Kong's checks: the DER bytes (for the digest), the
 * subject, the "Not After" time, whether it is a CA (X509_check_ca), and the public key.
 */
import { DerError, TAG, bitStringBytes, children, decode, expectTag, integer, octetString, oid, pemBlocks, sequence, type Tlv } from './der.ts';
import { algorithmId, publicKeyFromSpki, type PublicKey } from './public-key.ts';
import { latin1Text, utf8Text } from './bytes.ts';

export interface Certificate {
  /** The DER encoding. */
  raw: Uint8Array;
  /** One `NAME=value` line per attribute, as node:crypto's X509Certificate.subject. */
  subject: string;
  /** "Not After", in milliseconds since the epoch. */
  notAfter: number;
  /** What X509_check_ca answers 1 for: basic constraints with cA, and no key usage without keyCertSign. */
  ca: boolean;
  /** Undefined when OpenSSL would not load the key (an unknown algorithm). */
  publicKey: PublicKey | undefined;
}

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.9': 'street', '2.5.4.10': 'O', '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '2.5.4.12': 'title', '2.5.4.17': 'postalCode',
  '0.9.2342.19200300.100.1.25': 'DC', '0.9.2342.19200300.100.1.1': 'UID', '1.2.840.113549.1.9.1': 'emailAddress',
};

const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

/** BMPString: big-endian UTF-16. */
function bmpText(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return out;
}

function nameText(name: Tlv): string {
  const lines: string[] = [];
  for (const rdn of children(expectTag(name, TAG.sequence))) {
    for (const attribute of children(expectTag(rdn, TAG.set))) {
      const [type, value] = sequence(attribute, 2);
      const id = oid(type);
      // BMPString is UTF-16; the other string types are read as UTF-8 (ASCII for the printable ones)
      const text = value.tag === 0x1e ? bmpText(value.value) : value.tag === 0x0c ? utf8Text(value.value) : latin1Text(value.value);
      lines.push(`${NAMES[id] ?? id}=${text}`);
    }
  }
  return lines.join('\n');
}

/**
 * UTCTime (YYMMDDHHMMSSZ, 19xx from 50) or GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z); NaN for a time
 * OpenSSL cannot read either, which it only notices when it compares (the certificate still loads).
 */
function time(tlv: Tlv | undefined): number {
  const { tag, value } = expectTag(tlv);
  if (tag !== 0x17 && tag !== 0x18) throw new DerError('not a time');
  const text = latin1Text(value);
  const m = tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text) : null;
  if (!m) return Number.NaN;
  const year = tag === 0x17 ? Number(m[1]) + (Number(m[1]) >= 50 ? 1900 : 2000) : Number(m[1]);
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** X509_check_ca's answer 1: key usage (when present) allows keyCertSign, and basic constraints say cA. */
function isCa(extensions: Tlv | undefined): boolean {
  if (!extensions) return false;
  let basic: boolean | undefined;
  let keyCertSign = true;
  for (const extension of sequence(decode(extensions.value))) {
    const items = sequence(extension, 2);
    const id = oid(items[0]);
    const value = octetString(items[items.length - 1]);
    // OpenSSL decodes an extension's contents only when asked; one it cannot read makes no CA
    try {
      if (id === BASIC_CONSTRAINTS) {
        const first = sequence(decode(value))[0];
        basic = first?.tag === TAG.boolean && first.value[0] !== 0;
      } else if (id === KEY_USAGE) {
        const bits = bitStringBytes(decode(value), true);
        keyCertSign = bits.length > 0 && (bits[0] & 0x04) !== 0;
      }
    } catch {
      return false;
    }
  }
  return basic === true && keyCertSign;
}

function certificateFromDer(der: Uint8Array): Certificate {
  const cert = decode(der, TAG.sequence);
  const [tbs, signatureAlgorithm, signature] = sequence(cert, 3);
  algorithmId(signatureAlgorithm);
  bitStringBytes(signature);
  const fields = sequence(tbs, 6);
  const at = fields[0].tag === 0xa0 ? 1 : 0; // [0] version, absent for v1
  if (at === 1) integer(decode(fields[0].value));
  const [serial, algorithm, issuer, validity, subject, spki, ...optional] = fields.slice(at);
  integer(serial);
  algorithmId(algorithm);
  nameText(issuer);
  const [, notAfter] = sequence(validity, 2);
  let publicKey: PublicKey | undefined;
  try {
    publicKey = publicKeyFromSpki(spki);
  } catch {
    sequence(spki, 2); // the structure must be there; only the key itself may be one OpenSSL cannot use
  }
  return { raw: cert.bytes, subject: nameText(subject), notAfter: time(notAfter), ca: isCa(optional.find((t) => t.tag === 0xa3)), publicKey };
}

/** The first certificate of a PEM text, or undefined when there is none or it does not parse. */
export function loadCertificate(pem: string): Certificate | undefined {
  const block = pemBlocks(pem).find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE');
  if (!block) return undefined;
  try {
    return certificateFromDer(block.der);
  } catch {
    return undefined;
  }
}

/** A certificate's public key from its DER bytes (throws when there is none OpenSSL would load). */
export function certificateKey(der: Uint8Array): PublicKey {
  const key = certificateFromDer(der).publicKey;
  if (!key) throw new DerError('unsupported certificate key');
  return key;
}
