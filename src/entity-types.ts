/**
 * Public types of Kong's entities as the Admin API answers them, taken from the OpenAPI document
 * (src/spec/openapi-types.d.ts is generated from openapi/kong-admin.yaml by `npm run build:openapi`,
 * so these follow the document without a hand-written copy).
 */
import type { components } from './spec/openapi-types.js';

type Schemas = components['schemas'];

export type Service = Schemas['services'];
export type Route = Schemas['routes'];
export type Consumer = Schemas['consumers'];
export type Plugin = Schemas['plugins'];
export type Upstream = Schemas['upstreams'];
export type Target = Schemas['targets'];
export type Certificate = Schemas['certificates'];
export type Sni = Schemas['snis'];
export type CaCertificate = Schemas['ca_certificates'];
export type Vault = Schemas['vaults'];
export type Key = Schemas['keys'];
export type KeySet = Schemas['key_sets'];
export type Acl = Schemas['acls'];
export type BasicAuthCredential = Schemas['basicauth_credentials'];
export type HmacAuthCredential = Schemas['hmacauth_credentials'];
export type JwtSecret = Schemas['jwt_secrets'];
export type KeyAuthCredential = Schemas['keyauth_credentials'];
export type OAuth2Credential = Schemas['oauth2_credentials'];
export type Tag = Schemas['tags'];

/** Kong's error body for database errors (`code`, `name`, `message`, `fields`). */
export type DbError = Schemas['DbError'];

/** One page of a list endpoint: `data`, and `offset`/`next` when there are more. */
export type Page<T> = Omit<Schemas['ListEnvelope'], 'data'> & { data: T[] };

/** Every schema, request body and operation of the document, for lookups the aliases above do not cover. */
export type { components, operations, paths } from './spec/openapi-types.js';
