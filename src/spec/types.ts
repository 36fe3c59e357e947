/** The shapes the spec loader hands to the engine (see src/spec/index.ts). */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { KongVersion } from '../entities/types.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  const?: unknown;
  format?: string;
  required?: string[];
  readOnly?: boolean;
  writeOnly?: boolean;
  description?: string;
  'x-kong-type'?: 'set' | 'map' | 'json';
  'x-kong-validator'?: string | string[];
  'x-kong-unique'?: boolean;
  'x-kong-foreign'?: { entity: string; 'on-delete': 'restrict' | 'cascade' | 'set-null' };
  'x-kong-auto'?: 'uuid' | 'timestamp' | 'timestamp-ms' | 'random';
  'x-kong-shorthand'?: boolean;
  'x-kong-pseudo'?: boolean;
  'x-kong-since'?: string;
  'x-kong-until'?: string;
  'x-kong-abstract'?: boolean;
  /** A string that may hold a vault reference (`{vault://…}`): a reference skips the field's validators, as in Kong. */
  'x-kong-referenceable'?: boolean;
  /** Kong's `starts_with` (`should start with: <prefix>`). */
  'x-kong-starts-with'?: string;
  /** Kong's `not_match`: a Lua pattern the string must not match (`invalid value: <value>`). */
  'x-kong-not-match'?: string;
  /** Kong's `match_none`: the first pattern that matches fails with its `err` (default `invalid value: <value>`). */
  'x-kong-match-none'?: Array<{ pattern: string; err?: string }>;
  /** Kong's `match`: a Lua pattern the string must match (`invalid value: <value>`). */
  'x-kong-match'?: string;
  /** Kong's `match_all`: the first pattern that does not match fails with its `err` (default `invalid value: <value>`). */
  'x-kong-match-all'?: Array<{ pattern: string; err?: string }>;
  /** Kong's `match_any`: one of `patterns` must match, else `err` (default `invalid value: <value>`). */
  'x-kong-match-any'?: { patterns: string[]; err?: string };
  /** Kong's field-level `err`: replaces the message of any failing validator of the field (not type or required errors). */
  'x-kong-err'?: string;
  /** Kong's `shorthand_fields` of a record: old names translated into the record's fields before validation (src/admin/shorthands.ts). */
  'x-kong-shorthand-fields'?: ShorthandField[];
  /** Entity checks of a nested record (Kong's record-level `entity_checks`): run inside the record, errors under it. */
  'x-kong-checks'?: EntityCheck[];
  /**
   * The `ttl` of an entity whose DAO has Kong's `ttl = true` (key-auth credentials): documented as a
   * property, but not a schema field; the loader takes it out of the entity's schema (`EntityDef.ttl`).
   */
  'x-kong-ttl'?: boolean;
  [key: string]: unknown;
};

/** One of Kong's `shorthand_fields`: an input-only name whose value is moved into the record's own fields. */
export interface ShorthandField extends Ranged {
  name: string;
  /** The shorthand's own type and validators, checked before it is translated. */
  schema: JsonSchema;
  /** Where the value goes (`[redis, host]`); absent: the value is accepted and dropped. */
  path?: string[];
  /** Values translated on the way (session `cookie_samesite: off` → `Lax`). */
  map?: Record<string, unknown>;
  /** The value a null becomes (session `cookie_idletime`). */
  'null-as'?: unknown;
  /**
   * Kong's `deprecation`: the record's own field wins over the shorthand. With `replaced-with`
   * (the shorthand names `path`), a different value in both is refused and responses show the
   * shorthand again with the value at `path`.
   */
  deprecation?: { message: string; 'removal-in-version'?: string; 'replaced-with'?: boolean };
}

export interface Ranged {
  since?: string;
  until?: string;
}

/** A match on a field's value, as Kong's `if_match` / `then_match` (the field's own rules apply too). */
export interface CheckMatch {
  eq?: unknown;
  'one-of'?: unknown[];
  'not-one-of'?: unknown[];
  gt?: number;
  contains?: unknown;
  /** Kong's `match_any` on a string: one of the Lua patterns must match. */
  'match-any'?: { patterns: string[] };
  /** `eq: null` */
  null?: boolean;
  required?: boolean;
  /** Kong's `custom_validator` in a match: named validators run after the field's own (then-matches). */
  validator?: string | string[];
}

/**
 * Kong's schema `transformations` with `input` and `needs` (kong/db/schema/init.lua): on a write,
 * the input fields sent and the fields they need must be all set or none, the check reading the
 * body as sent (an update also when a needed field differs from the stored row); `on-write` names
 * the function (`transformations` in src/entities/credentials.ts) that rewrites the stored values
 * when every input field was sent non-empty and every needed field is set.
 */
export interface Transformation {
  input: string[];
  needs: string[];
  'on-write'?: string;
}

export type EntityCheck = Ranged &
  (
    | { 'at-least-one-of': string[] }
    | { 'only-one-of': string[] }
    | { 'exactly-one-of': string[] }
    | { 'mutually-required': string[] }
    | { distinct: string[] }
    | {
        conditional: {
          if: { field: string } & CheckMatch;
          then: { field: string } & CheckMatch;
          /** Kong's `then_err`: replaces the entity message when the then-field fails its match (`%s`: the if-field). */
          err?: string;
        };
      }
    | {
        'conditional-at-least-one-of': {
          if: { field: string } & CheckMatch;
          then: string[];
          /** Kong's `then_err` (`%s`: the quoted field list). */
          err?: string;
          else?: CheckMatch;
          'else-then'?: string[];
          'else-err'?: string;
        };
      }
    | {
        custom: string;
        /** Kong's `field_sources` of a custom entity check: it does not run when one of them has an error. */
        fields?: string[];
        /** Kong's `run_with_invalid_fields`: the check runs even when one of `fields` has an error. */
        'with-invalid-fields'?: boolean;
      }
  );

export interface XKongOperation {
  entity?: string;
  kind?: 'list' | 'create' | 'read' | 'update' | 'upsert' | 'delete';
  scope?: 'collection' | 'entity' | 'nested-collection' | 'nested-entity' | 'foreign';
  parent?: { entity: string; field: string };
  foreign?: string;
  handler?: string;
  disabled?: boolean;
  health?: 'healthy' | 'unhealthy';
  address?: boolean;
}

export interface EntityDef {
  name: string;
  adminPath: string;
  nestedPath: string;
  endpointKey?: string;
  foreignKeyLookup: string[];
  cacheKey?: string[];
  schema: JsonSchema;
  fields: Array<[string, JsonSchema]>;
  uniques: string[];
  foreignKeys: Array<{ field: string; entity: string; onDelete: 'restrict' | 'cascade' | 'set-null' }>;
  checks: EntityCheck[];
  /** Kong's `transformations` (input/needs checks and on-write rewrites). */
  transformations: Transformation[];
  /** Kong's `ttl = true` DAO: writes take a `ttl` option, rows expire, responses show the seconds left. */
  ttl: boolean;
  /**
   * Under a parent's nested path, a non-UUID segment is this field's value, looked up with the
   * parent through the cache key (acls by group under a consumer); the top-level path stays id-only.
   */
  nestedKey?: string;
  generate: string[];
  disabledPaths: string[];
  /**
   * `schema-only: true`: a DAO of Kong's that the mock knows only as a schema (`GET /schemas/{name}`
   * and its validate endpoint): no endpoints, no store table, not a key of a declarative configuration.
   */
  schemaOnly: boolean;
}

export interface PluginDef {
  name: string;
  version: string;
  priority: number;
  protocols: string[];
  allowedProtocols: string[];
  noConsumer: boolean;
  noRoute: boolean;
  noService: boolean;
  checks: EntityCheck[];
  config: JsonSchema;
}

export interface OperationDef {
  method: string;
  path: string;
  operationId: string;
  kong: XKongOperation;
}

/** Kong 3.x `router_flavor`: `expressions` adds the route fields `expression` and `priority`. */
export type RouterFlavor = 'traditional_compatible' | 'expressions';

export interface Spec {
  version: KongVersion;
  routerFlavor: RouterFlavor;
  document: OpenAPIV3_1.Document;
  entities: Map<string, EntityDef>;
  plugins: Map<string, PluginDef>;
  operations: OperationDef[];
}
