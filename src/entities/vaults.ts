/**
 * Vaults: `name` picks the vault implementation (Kong's subschema key). Until it names an
 * installed vault nothing else is validated, so a missing or unknown name is the only error.
 */
import type { JsonSchema } from '../spec/index.ts';
import type { EntityHooks } from './hooks.ts';
import { failed, succeeded } from '../admin/result.ts';
import { schemaViolation } from '../admin/errors.ts';

/** The vault implementations Kong OSS bundles. */
export const BUNDLED_VAULTS = ['env'];

export const vaultHooks: EntityHooks = {
  schema(inst, body, existing) {
    const name = 'name' in body ? body.name : existing?.name;
    if (name === undefined || name === null) return failed(schemaViolation({ name: 'required field missing' }));
    if (typeof name !== 'string' || !BUNDLED_VAULTS.includes(name)) return failed(schemaViolation({ name: `vault '${String(name)}' is not installed` }));
    return succeeded<JsonSchema>(inst.spec.entities.get('vaults')!.schema);
  },
};
