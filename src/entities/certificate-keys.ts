/**
 * The certificate entity check (reference §6.9): each certificate matches its key, and an
 * alternate pair, when given, uses a different key type.
 */
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { ErrorTree } from '../admin/validate.ts';

function certificate(pem: unknown): X509Certificate | undefined {
  if (typeof pem !== 'string') return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function privateKey(pem: unknown): KeyObject | undefined {
  if (typeof pem !== 'string') return undefined;
  try {
    return createPrivateKey(pem);
  } catch {
    return undefined;
  }
}

/** True when the private key is the one the certificate's public key belongs to. */
export function keyMatchesCertificate(cert: X509Certificate, key: KeyObject): boolean {
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const fromCert = cert.publicKey.export({ type: 'spki', format: 'der' });
  return Buffer.compare(fromKey, fromCert) === 0;
}

export function certificateKeyCheck(entity: Record<string, unknown>): ErrorTree | null {
  const messages: string[] = [];
  const cert = certificate(entity.cert);
  const key = privateKey(entity.key);
  if (cert && key && !keyMatchesCertificate(cert, key)) messages.push('certificate does not match key');
  const certAlt = certificate(entity.cert_alt);
  const keyAlt = privateKey(entity.key_alt);
  if (certAlt && keyAlt && !keyMatchesCertificate(certAlt, keyAlt)) messages.push('alternative certificate does not match key');
  if (cert && certAlt && cert.publicKey.asymmetricKeyType === certAlt.publicKey.asymmetricKeyType) {
    messages.push('certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), the provided certificates were both of the same type');
  }
  return messages.length > 0 ? { '@entity': messages } : null;
}
