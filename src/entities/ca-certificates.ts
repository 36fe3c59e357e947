/**
 * CA certificates (reference §6.10): one CA certificate per entity, not expired, with the CA
 * basic constraint; `cert_digest` is the SHA-256 of the certificate, unique across entities.
 */
import type { EntityHooks } from './hooks.ts';
import type { ErrorTree } from '../admin/validate.ts';
import { referencedByOthers } from '../admin/errors.ts';
import { versionAtLeast } from './types.ts';
import { isCa, isExpired, parseCertificate, sha256Digest } from './pem.ts';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function caCertificateCheck(entity: Record<string, unknown>, now = Date.now()): ErrorTree | null {
  if (typeof entity.cert !== 'string') return null;
  const blocks = entity.cert.match(PEM_BLOCK) ?? [];
  if (blocks.length > 1) return { '@entity': ['please submit only one certificate at a time'] };
  const cert = parseCertificate(entity.cert);
  if (!cert) return null;
  if (isExpired(cert, new Date(now))) return { '@entity': ['certificate expired, "Not After" time is in the past'] };
  if (!isCa(cert)) return { '@entity': ['certificate does not appear to be a CA because it is missing the "CA" basic constraint'] };
  return null;
}

/** Lower-case hex SHA-256 of the certificate's DER encoding. */
export function certDigest(pem: string): string | null {
  return sha256Digest(pem) ?? null;
}

export const caCertificateHooks: EntityHooks = {
  expand({ body }) {
    delete body.cert_digest;
    if (typeof body.cert === 'string') body.cert_digest = certDigest(body.cert);
    return null;
  },
  checks: { 'ca-certificate': (entity) => caCertificateCheck(entity) },
  beforeDelete(inst, row) {
    if (!versionAtLeast(inst.version, '3.6')) return;
    for (const service of inst.store.table('services').all()) {
      if (Array.isArray(service.ca_certificates) && service.ca_certificates.includes(row.id)) {
        return referencedByOthers(`ca certificate ${row.id} is still referenced by services (id = ${service.id})`);
      }
    }
  },
};
