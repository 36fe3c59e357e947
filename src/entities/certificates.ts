/**
 * Certificates (reference §6.9): the `snis` pseudo field kept in the snis table, addressing a
 * certificate by one of its SNI names, and the key/certificate checks done with node:crypto.
 */
import { randomUUID } from '../crypto/index.ts';
import type { Row } from '../store/types.ts';
import type { EntityHooks, WriteInput } from './hooks.ts';
import type { Instance } from '../admin/context.ts';
import type { ErrorTree } from '../admin/validate.ts';
import { failed, succeeded } from '../admin/result.ts';
import { invalidUnique, message, schemaViolation } from '../admin/errors.ts';
import { validators } from './validators.ts';
import { certificateKeyCheck } from './certificate-keys.ts';

export function sniNamesOf(inst: Instance, certificateId: string): string[] {
  return inst.store
    .table('snis')
    .children('certificate', certificateId)
    .map((s) => String(s.name))
    .sort();
}

/** Pre-checks on a body's `snis` list: each a valid name, no duplicates, none owned by another certificate. */
function checkSnis(input: WriteInput): ReturnType<NonNullable<EntityHooks['expand']>> {
  const snis = input.body.snis;
  if (snis === undefined || snis === null) return null;
  if (!Array.isArray(snis)) return { snis: 'expected an array' };
  // the validate endpoint checks the names as schema elements (array errors with null holes), no store lookups
  if (input.validateOnly) {
    const errors = snis.map((name) => (typeof name !== 'string' ? 'expected a string' : (validators['wildcard-host']?.(name, { version: input.inst.version }) ?? null)));
    return errors.some((e) => e !== null) ? { snis: errors } : null;
  }
  const seen = new Set<string>();
  for (const name of snis) {
    if (typeof name !== 'string') return { snis: 'expected a string' };
    const problem = validators['wildcard-host']?.(name, { version: input.inst.version });
    if (problem) return invalidUnique('name', problem);
    if (seen.has(name)) return schemaViolation({ snis: `${name} is duplicated` });
    seen.add(name);
    const owner = input.inst.store.table('snis').findUnique(['name'], [name]);
    const ownerId = (owner?.certificate as { id: string } | null)?.id;
    if (owner && ownerId !== input.existing?.id) {
      return schemaViolation({ snis: `${name} already associated with existing certificate '${ownerId}'` });
    }
  }
  return null;
}

/**
 * Make the certificate's SNIs match the body's list. A body without `snis` leaves them alone
 * (PATCH, and PUT through a foreign-entity path); PUT /certificates/{c} sends null (putFallback).
 */
function syncSnis(input: WriteInput, cert: Row): void {
  const wanted = input.body.snis;
  if (wanted === undefined) return;
  const names = Array.isArray(wanted) ? (wanted as string[]) : [];
  const table = input.inst.store.table('snis');
  for (const sni of table.children('certificate', cert.id)) if (!names.includes(String(sni.name))) table.delete(sni.id);
  const now = Math.floor(input.inst.clock() / 1000);
  for (const name of names) {
    if (table.findUnique(['name'], [name])) continue;
    table.insert({ id: randomUUID(), name, certificate: { id: cert.id }, tags: null, created_at: now, updated_at: now });
  }
}

export const certificateHooks: EntityHooks = {
  // Kong looks certificates up by SNI name on /certificates/{c} and /certificates/{c}/snis only
  resolveKeyUnder: ['snis'],
  putFallback: { snis: null },
  resolveKey(inst, raw, purpose) {
    const sni = inst.store.table('snis').findUnique(['name'], [raw]);
    const certId = (sni?.certificate as { id: string } | null)?.id;
    const cert = certId ? inst.store.table('certificates').get(certId) : undefined;
    if (cert || purpose === 'upsert') return succeeded(cert);
    return failed(message(404, 'SNI not found'));
  },
  urlKeyInput(body, segment) {
    const snis = Array.isArray(body.snis) ? (body.snis as unknown[]) : [];
    if (!snis.includes(segment)) body.snis = [...snis, segment];
  },
  readMissingById: true,
  expand: checkSnis,
  checks: { 'certificate-keys': (cert) => certificateKeyCheck(cert as Record<string, unknown>) as ErrorTree | null },
  pseudo: (inst, row) => sniNamesOf(inst, row.id),
  afterWrite: syncSnis,
  // no beforeDelete: the SNIs go through the store's cascade, so a refused delete keeps them
  // (Kong's DAO deletes them before the restrict check, outside a transaction)
};
