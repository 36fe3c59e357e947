/**
 * Small PEM helpers over node:crypto for certificates, certificate keys and CA certificates.
 * Every function returns a value (undefined or false on bad input) and never throws.
 */
import { X509Certificate, createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export type KeyType = 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'rsa-pss' | 'unknown';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The first certificate of a PEM text, or undefined when there is none or it does not parse. */
export function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** A private key (PEM, any of PKCS#1, PKCS#8, SEC1), or undefined. Encrypted keys are not accepted. */
export function parsePrivateKey(pem: string): KeyObject | undefined {
  try {
    return createPrivateKey(pem);
  } catch {
    return undefined;
  }
}

/** A public key (PEM), or undefined. */
export function parsePublicKey(pem: string): KeyObject | undefined {
  try {
    return createPublicKey(pem);
  } catch {
    return undefined;
  }
}

/** Whether the private key belongs to the certificate's public key. */
export function keyMatchesCertificate(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key.type === 'private' ? key : createPrivateKey(key.export({ format: 'pem', type: 'pkcs8' })));
  } catch {
    return false;
  }
}

/** The algorithm of the certificate's public key. */
export function certificateKeyType(cert: X509Certificate): KeyType {
  const type = cert.publicKey.asymmetricKeyType;
  switch (type) {
    case 'rsa':
    case 'ec':
    case 'ed25519':
    case 'ed448':
    case 'dsa':
    case 'rsa-pss':
      return type;
    default:
      return 'unknown';
  }
}

/** How many `BEGIN CERTIFICATE` blocks a PEM text holds. */
export function countCertificates(pem: string): number {
  return (pem.match(CERT_BLOCK) ?? []).length;
}

/** Whether the certificate carries the CA basic constraint. */
export function isCa(cert: X509Certificate): boolean {
  return cert.ca;
}

/** Whether the certificate's "Not After" time is before `now`. */
export function isExpired(cert: X509Certificate, now: Date = new Date()): boolean {
  const notAfter = Date.parse(cert.validTo);
  return Number.isNaN(notAfter) ? false : notAfter < now.getTime();
}

/**
 * Kong's ca_certificates `cert_digest`: the SHA-256 of the certificate's DER encoding (the X509
 * object's digest, not of the PEM text), as lower-case hex. Undefined when the PEM does not parse.
 */
export function sha256Digest(pem: string): string | undefined {
  const cert = parseCertificate(pem);
  return cert ? createHash('sha256').update(cert.raw).digest('hex') : undefined;
}
