/**
 * The certificate entity check (reference §6.9): each certificate matches its key, and an
 * alternate pair, when given, uses a different key type.
 */
import type { ErrorTree } from '../admin/validate.ts';
import { certificateKeyType, keyMatchesCertificate, parseCertificate, parsePrivateKey, type Certificate, type LoadedKey } from './pem.ts';

const certificate = (pem: unknown): Certificate | undefined => (typeof pem === 'string' ? parseCertificate(pem) : undefined);
const privateKey = (pem: unknown): LoadedKey | undefined => (typeof pem === 'string' ? parsePrivateKey(pem) : undefined);

export function certificateKeyCheck(entity: Record<string, unknown>): ErrorTree | null {
  const messages: string[] = [];
  const cert = certificate(entity.cert);
  const key = privateKey(entity.key);
  if (cert && key && !keyMatchesCertificate(cert, key)) messages.push('certificate does not match key');
  const certAlt = certificate(entity.cert_alt);
  const keyAlt = privateKey(entity.key_alt);
  if (certAlt && keyAlt && !keyMatchesCertificate(certAlt, keyAlt)) messages.push('alternative certificate does not match key');
  if (cert && certAlt && certificateKeyType(cert) === certificateKeyType(certAlt)) {
    messages.push('certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), the provided certificates were both of the same type');
  }
  return messages.length > 0 ? { '@entity': messages } : null;
}
