/**
 * The `custom_validator` functions bundled plugins put on their config fields, as named field
 * validators (`x-kong-validator` in `openapi/src/plugins/<name>.yaml`). Each returns Kong's exact
 * message or null; like every named validator it runs after the field's type, contents, lengths
 * and pattern validators passed. `src/entities/validators.ts` spreads this record into its own.
 */
import type { Validator, ValidatorContext } from './types.ts';
import { isPlainObject } from '../admin/schema-walk.ts';
import { fixed1, periodInversion, sharedDicts } from './plugin-common.ts';
import { luaCodeValidators } from './lua-code.ts';

/** Lua's `tostring` of a string or nil. */
const luaString = (v: string | undefined): string => (v === undefined ? 'nil' : v);

/**
 * The two captures of the transformers' `^([^:]+):*(.-)$`: the name before the first colon, and
 * what follows the run of colons after it; nothing when the entry starts with a colon.
 */
function splitPair(entry: string): { name: string; value: string } | undefined {
  const colon = entry.indexOf(':');
  const name = colon === -1 ? entry : entry.slice(0, colon);
  if (name === '') return undefined;
  const rest = colon === -1 ? '' : entry.slice(colon);
  return { name, value: rest.replace(/^:+/, '') };
}

/** `validate_header_name`: PCRE `^[a-zA-Z0-9-_]+$`, whose `$` also matches before a final newline. */
const validHeaderName = (name: string | undefined): boolean => name !== undefined && /^[a-zA-Z0-9_-]+\n?$/.test(name);

/** request- and response-transformer `validate_headers`: the part before the colon must be a header name. */
function transformerHeader(pair: string, checkValue: boolean): string | null {
  const parts = splitPair(pair);
  if (!validHeaderName(parts?.name)) return `'${luaString(parts?.name)}' is not a valid header`;
  if (checkValue && !validHeaderName(parts?.value)) return `'${luaString(parts?.value)}' is not a valid header`;
  return null;
}

/** `headers` of request-transformer's remove, replace, add and append: `name` or `name:value`. */
const transformerHeaderName: Validator = (v) => transformerHeader(String(v), false);

/** `rename.headers` of both transformers: `old:new`, both header names. */
const transformerRenameHeader: Validator = (v) => transformerHeader(String(v), true);

/**
 * request-transformer `check_for_value` (body and querystring of rename, replace, add, append):
 * `name:value` with a non-empty value. An entry starting with a colon makes Kong's function
 * concatenate nil, a Lua error Kong answers with a 500; the mock reports `invalid value: <entry>`
 * instead, as it never answers bad input with a 500. Kong then compiles the value as a Penlight template (`$(lua expression)`), which needs
 * a Lua compiler: any value is accepted here.
 */
const transformerTemplateValue: Validator = (v) => {
  const parts = splitPair(String(v));
  if (!parts) return `invalid value: ${String(v)}`;
  return parts.value === '' ? `key '${parts.name}' has no value` : null;
};

/** opentelemetry `resource_attributes` (a map): values must be strings, numbers or booleans, strings non-empty. */
const opentelemetryResourceAttributes: Validator = (v) => {
  if (!isPlainObject(v)) return null;
  for (const value of Object.values(v)) {
    if (typeof value === 'string') {
      if (value === '') return 'required field missing';
    } else if (typeof value !== 'number' && typeof value !== 'boolean') {
      return `invalid type of value: ${value === null ? 'userdata' : 'table'}`;
    }
  }
  return null;
};

/** zipkin `static_tags`: tag names must be unique. */
const zipkinStaticTags: Validator = (v) => {
  if (!Array.isArray(v)) return null;
  const found = new Set<unknown>();
  for (const tag of v) {
    const name = isPlainObject(tag) ? tag.name : undefined;
    if (found.has(name)) return `repeated tags are not allowed: ${String(name)}`;
    found.add(name);
  }
  return null;
};

/** response-ratelimiting `limits.*`: a longer period's limit cannot be lower than a shorter one's. */
const responseRatelimitingPeriods: Validator = (v) => {
  if (!isPlainObject(v)) return null;
  const inverted = periodInversion(v);
  if (!inverted) return null;
  const [upper, value, lower, limit] = inverted;
  return `the limit for ${upper}(${fixed1(value)}) cannot be lower than the limit for ${lower}(${fixed1(limit)})`;
};

/** acme's reserved key prefixes (`kong/plugins/acme/reserved_words.lua`). */
const ACME_RESERVED = ['kong_acme:renew_config:', 'kong_acme:renew_last_run', 'kong_acme:cert_key:'];

/** acme `storage_config.redis.extra_options.namespace`: must not start with a reserved prefix. */
const acmeRedisNamespace: Validator = (v) => {
  const namespace = String(v);
  if (namespace === '') return null;
  const reserved = ACME_RESERVED.find((word) => namespace.startsWith(word));
  return reserved === undefined ? null : `namespace can't be prefixed with reserved word: ${reserved}`;
};

/**
 * acme `storage_config.shm.shm_name`: `ngx.shared[name]` must exist. The function returns no
 * message, so Kong reports its generic `failed validating: <value>`.
 */
const acmeShmName: Validator = (v, ctx) => (sharedDicts(ctx).has(String(v)) ? null : `failed validating: ${String(v)}`);

export const pluginValidators: Record<string, Validator> = {
  ...luaCodeValidators,
  'transformer-header-name': transformerHeaderName,
  'transformer-rename-header': transformerRenameHeader,
  'transformer-template-value': transformerTemplateValue,
  'opentelemetry-resource-attributes': opentelemetryResourceAttributes,
  'zipkin-static-tags': zipkinStaticTags,
  'response-ratelimiting-periods': responseRatelimitingPeriods,
  'acme-redis-namespace': acmeRedisNamespace,
  'acme-shm-name': acmeShmName,
};
