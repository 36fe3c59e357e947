/**
 * Small PEM helpers over the core's crypto (src/crypto) for certificates, certificate keys and CA
 * certificates. Every function returns a value (undefined or false on bad input) and never throws.
 */
import { digestHex, loadCertificate, loadPrivateKey, loadPublicKeyPem, sameKey, type Certificate, type PublicKey } from '../crypto/index.ts';

export type KeyType = PublicKey['type'] | 'unknown';
export type { Certificate };

/** A loaded key: its algorithm (named as node:crypto's KeyObject names it) and its public half. */
export interface LoadedKey {
  asymmetricKeyType: PublicKey['type'];
  publicKey: PublicKey;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

const loaded = (key: PublicKey | undefined): LoadedKey | undefined => (key ? { asymmetricKeyType: key.type, publicKey: key } : undefined);

/** The first certificate of a PEM text, or undefined when there is none or it does not parse. */
export function parseCertificate(pem: string): Certificate | undefined {
  return loadCertificate(pem);
}

/** A private key (PEM, any of PKCS#1, PKCS#8, SEC1), or undefined. Encrypted keys are not accepted. */
export function parsePrivateKey(pem: string): LoadedKey | undefined {
  return loaded(loadPrivateKey(pem));
}

/** A public key (PEM; also a certificate's key or a private key's public half, as OpenSSL reads them), or undefined. */
export function parsePublicKey(pem: string): LoadedKey | undefined {
  return loaded(loadPublicKeyPem(pem));
}

/** Whether the private key belongs to the certificate's public key. */
export function keyMatchesCertificate(cert: Certificate, key: LoadedKey): boolean {
  return cert.publicKey !== undefined && sameKey(cert.publicKey, key.publicKey);
}

/** The algorithm of the certificate's public key. */
export function certificateKeyType(cert: Certificate): KeyType {
  return cert.publicKey?.type ?? 'unknown';
}

/** How many `BEGIN CERTIFICATE` blocks a PEM text holds. */
export function countCertificates(pem: string): number {
  return (pem.match(CERT_BLOCK) ?? []).length;
}

/** Whether the certificate carries the CA basic constraint. */
export function isCa(cert: Certificate): boolean {
  return cert.ca;
}

/** Whether the certificate's "Not After" time is before `now` (a time OpenSSL cannot read never is). */
export function isExpired(cert: Certificate, now: Date = new Date()): boolean {
  return Number.isNaN(cert.notAfter) ? false : cert.notAfter < now.getTime();
}

/**
 * Kong's ca_certificates `cert_digest`: the SHA-256 of the certificate's DER encoding (not of the
 * PEM text), as lower-case hex. Undefined when the PEM does not parse.
 */
export function sha256Digest(pem: string): string | undefined {
  const cert = parseCertificate(pem);
  return cert ? digestHex('sha256', cert.raw) : undefined;
}
