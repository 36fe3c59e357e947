/**
 * The few Kong rules a schema cannot say, one module per entity, reached through this registry.
 */
import type { JsonSchema } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import type { Ctx, Instance } from '../admin/context.ts';
import type { Outcome, Result } from '../admin/result.ts';
import type { CustomCheck, ErrorTree } from '../admin/validate.ts';

export type WriteMode = 'insert' | 'update' | 'upsert';
export type KeyPurpose = 'lookup' | 'upsert';

export interface WriteInput {
  inst: Instance;
  mode: WriteMode;
  /** The stored row on update/upsert-replace, if any. */
  existing?: Row;
  /** The body as sent (after form decoding and inference). */
  body: Record<string, unknown>;
  /** `/schemas/{entity}/validate`: schema rules only, nothing looked up in the store. */
  validateOnly?: boolean;
}

export interface EntityHooks {
  /** Serve a collection GET by other means (consumers' `?custom_id=`); undefined to page as usual. */
  list?(ctx: Ctx): Result | undefined;
  /**
   * Resolve a non-UUID URL segment when the entity has no endpoint key (certificates by SNI name).
   * `purpose` is 'upsert' for a PUT on the entity itself, where a miss means "create".
   */
  resolveKey?(inst: Instance, raw: string, purpose: KeyPurpose): Outcome<Row | undefined>;
  /** The nested collections whose URLs also accept that key as the parent (certificates: only `snis`); elsewhere the parent is an id. */
  resolveKeyUnder?: string[];
  /** Fields a PUT on the entity's own path sets when the body leaves them out (certificates: `snis` null, so they are dropped). */
  putFallback?: Record<string, unknown>;
  /** PUT by such a key: put the URL segment into the body (certificates add it to `snis`). */
  urlKeyInput?(body: Record<string, unknown>, segment: string): void;
  /** GET of a missing id answers the code-6 not-found body instead of `Not found` (certificates). */
  readMissingById?: boolean;
  /** Steps before defaults: pre-checks that fail alone and shorthand expansion. Mutates `body`. */
  expand?(input: WriteInput): Result | ErrorTree | null;
  /** The schema to infer form input and validate against (plugins: with the plugin's config). */
  schema?(inst: Instance, body: Record<string, unknown>, existing?: Row): Outcome<JsonSchema>;
  /** Named `custom` entity checks. */
  checks?: Record<string, CustomCheck>;
  /** A pseudo field's value on output. */
  pseudo?(inst: Instance, row: Row, field: string): unknown;
  /** Checks that need the store, run after schema validation (certificate SNIs). */
  beforeWrite?(input: WriteInput, row: Row): Result | null;
  /** Side effects after the row was stored (certificate SNIs). */
  afterWrite?(input: WriteInput, row: Row): void;
  /** Runs before the row is deleted (certificate SNIs go first); a Result stops the delete. */
  beforeDelete?(inst: Instance, row: Row): Result | void;
}
