/**
 * Rules of bundled plugins that only code can say, named by `custom:` checks in
 * openapi/src/plugins/<name>.yaml. Checks named there but not written here are skipped.
 *
 * Each check gets the whole plugin entity (defaults filled, or merged with the stored row on
 * PATCH) and answers with the part of the error tree Kong would build:
 * - a `custom_validator` on the config record fails as the string value of `config`
 *   (`{config: 'message'}`); Kong runs it only once the whole record is valid, and the engine keeps
 *   an existing `config` entry, so a config with field errors never shows it, as in Kong;
 * - a `custom_entity_check` of the plugin's own `entity_checks` lands in the top-level `@entity`
 *   (a plain string here). Kong skips such a check when one of its `field_sources` has an error,
 *   but it looks the error up by the full dotted name in the nested error tree, so a source inside
 *   `config` (`config.proxy_url`, `config.storage`) never counts as invalid and only a top-level
 *   source (`config` itself, proxy-cache) does;
 * - an entity check declared inside a record lands in that record's `@entity`
 *   (`{config: {'@entity': [...]}}`), and runs only when its sources inside the record are valid.
 */
import type { CustomCheck } from '../admin/validate.ts';
import { isPlainObject } from '../admin/schema-walk.ts';
import type { ValidatorContext } from './types.ts';
import { validators } from './validators.ts';
import { fixed1, periodInversion, sharedDicts } from './plugin-common.ts';
import { socketUrlParse } from './credentials.ts';

const configOf = (entity: Record<string, unknown>): Record<string, unknown> =>
  typeof entity.config === 'object' && entity.config !== null ? (entity.config as Record<string, unknown>) : {};

/** Node settings some checks read (`kong.configuration`); absent means a traditional node with a database. */
type NodeContext = ValidatorContext & { dbless?: boolean; role?: 'traditional' | 'control_plane' | 'data_plane' };

/** rate-limiting: a longer period's limit cannot be lower than a shorter one's; sync_rate only with redis. */
export const rateLimitingPeriods: CustomCheck = (entity) => {
  const config = configOf(entity);
  const inverted = periodInversion(config);
  if (inverted) {
    const [upper, value, lower, limit] = inverted;
    return { config: `The limit for ${upper}(${fixed1(value)}) cannot be lower than the limit for ${lower}(${fixed1(limit)})` };
  }
  if (config.policy !== 'redis' && config.sync_rate !== undefined && config.sync_rate !== -1) return { config: 'sync_rate can only be used with the redis policy' };
  if (config.policy === 'redis' && typeof config.sync_rate === 'number' && config.sync_rate !== -1 && config.sync_rate < 0.02) {
    return { config: 'sync_rate must be greater than 0.02, or -1 to disable' };
  }
  return null;
};

/**
 * aws-lambda (plugin entity check on `config.proxy_url`): a proxy URL that names a scheme must
 * name `http`. The scheme is whatever precedes the first `:` when `://` follows it, compared
 * case-sensitively. It runs even when the URL itself is invalid (see the file comment).
 */
export const awsLambdaProxyUrl: CustomCheck = (entity) => {
  const proxyUrl = configOf(entity).proxy_url;
  if (typeof proxyUrl !== 'string') return null;
  const scheme = /^([^:]+):\/\//.exec(proxyUrl);
  return scheme && scheme[1] !== 'http' ? 'proxy_url scheme must be http' : null;
};

/**
 * prometheus (custom_validator on config): fails with `ngx shared dict 'prometheus_metrics' not
 * found` only when the node lacks that shared dict. Kong's configuration loader adds it whenever
 * the prometheus plugin is loaded, and a plugin that is not loaded never reaches validation, so a
 * node never answers with it: the check accepts every config.
 */
export const prometheusConfig: CustomCheck = () => null;

/** http-log's header names: typedefs.header_name plus three names the plugin sets itself. */
const HTTP_LOG_FORBIDDEN_HEADERS: Array<[RegExp, string]> = [
  [/^[Hh][Oo][Ss][Tt]$/, "cannot contain 'Host' header"],
  // Kong's pattern spells the second `n` of Length as `[nn]`: an upper-case N there is allowed
  [/^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee]n[Gg][Tt][Hh]$/, "cannot contain 'Content-Length' header"],
  [/^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]$/, "cannot contain 'Content-Type' header"],
];

function httpLogHeaderNameError(name: string, ctx: ValidatorContext): string | null {
  if (name.length === 0) return 'length must be at least 1';
  for (const [pattern, message] of HTTP_LOG_FORBIDDEN_HEADERS) if (pattern.test(name)) return message;
  return validators['header-name'](name, ctx);
}

/**
 * http-log: the keys of `config.headers` are header names other than Host, Content-Length and
 * Content-Type (Kong checks them as the map's key schema: the first bad key's message is the value
 * of `config.headers`; the document has no key schema for this map, so the check does it); then
 * the config record's custom_validator: an `Authorization` header (any case) together with user
 * info in `http_endpoint` fails as the value of `config`.
 */
export const httpLogConfig: CustomCheck = (entity, ctx) => {
  const config = configOf(entity);
  const headers = isPlainObject(config.headers) ? config.headers : undefined;
  if (headers) {
    for (const name of Object.keys(headers)) {
      const error = httpLogHeaderNameError(name, ctx);
      if (error) return { config: { headers: error } };
    }
  }
  if (typeof config.http_endpoint !== 'string' || !headers) return null;
  if (socketUrlParse(config.http_endpoint)?.userinfo === undefined) return null;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) return null;
  return { config: "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed" };
};

/**
 * proxy-cache (plugin entity check on `config`): the memory strategy needs its dictionary to be
 * one of the node's shared dicts. Kong skips the check when `config` has any error; only the
 * fields read here are re-checked.
 */
export const proxyCacheConfig: CustomCheck = (entity, ctx) => {
  const config = configOf(entity);
  if (config.strategy !== 'memory' || !isPlainObject(config.memory)) return null;
  const name = config.memory.dictionary_name;
  if (typeof name !== 'string' || name === '') return null;
  return sharedDicts(ctx as NodeContext).has(name) ? null : `missing shared dict '${name}'`;
};

const present = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/** request-termination (custom_validator on config): message, body and echo exclude each other. */
export const requestTerminationConfig: CustomCheck = (entity) => {
  const config = configOf(entity);
  const [message, contentType, body] = [present(config.message), present(config.content_type), present(config.body)];
  if (message && (contentType || body)) return { config: 'message cannot be used with content_type or body' };
  if (contentType && !body) return { config: 'content_type requires a body' };
  if (config.echo === true && (contentType || body)) return { config: 'echo cannot be used with content_type and body' };
  return null;
};

/**
 * acme (plugin entity check on `config.storage`): a DB-less node (not a data plane) cannot use
 * `kong` storage, a control plane cannot use `shm`. The node's mode is read from the context when
 * it carries `dbless` / `role`; without them the node is a traditional one with a database.
 */
export const acmeStorage: CustomCheck = (entity, ctx) => {
  const storage = configOf(entity).storage;
  const node = ctx as NodeContext;
  if (node.dbless === true && node.role !== 'data_plane' && storage === 'kong') return '"kong" storage can\'t be used with dbless mode';
  if (node.role === 'control_plane' && storage === 'shm') return '"shm" storage can\'t be used in Hybrid mode';
  return null;
};

const OAUTH2_FLOWS = ['enable_authorization_code', 'enable_implicit_grant', 'enable_client_credentials', 'enable_password_grant'];

/** oauth2 (custom_validator on config): at least one grant flow enabled. */
export const oauth2Config: CustomCheck = (entity) => {
  const config = configOf(entity);
  if (OAUTH2_FLOWS.some((flow) => config[flow] === true)) return null;
  return { config: `at least one of these fields must be true: ${OAUTH2_FLOWS.join(', ')}` };
};

/** Providers that cannot log statistics, by route type (kong/llm/schemas). */
const NO_LOG_STATISTICS: Record<string, string[]> = { 'llm/v1/completions': ['anthropic'] };

/** The llm record's own check: statistics logging is not available for some route type and provider pairs. */
function llmStatisticsError(llm: unknown): string | null {
  if (!isPlainObject(llm) || !isPlainObject(llm.model) || !isPlainObject(llm.logging)) return null;
  const { route_type: routeType } = llm;
  const provider = llm.model.provider;
  if (llm.logging.log_statistics !== true || typeof routeType !== 'string' || typeof provider !== 'string') return null;
  if (!Object.hasOwn(NO_LOG_STATISTICS, routeType) || !NO_LOG_STATISTICS[routeType].includes(provider)) return null;
  return `${provider} does not support statistics when route_type is ${routeType}`;
}

/** The llm record's own check (`x-kong-checks` on ai-proxy's config and the transformers' config.llm): the message goes to that record's `@entity`. */
export const llmStatistics: CustomCheck = (llm) => llmStatisticsError(llm);

export const pluginChecks: Record<string, CustomCheck> = {
  'rate-limiting-periods': rateLimitingPeriods,
  'aws-lambda-proxy-url': awsLambdaProxyUrl,
  'prometheus-config': prometheusConfig,
  'http-log-config': httpLogConfig,
  'proxy-cache-config': proxyCacheConfig,
  'request-termination-config': requestTerminationConfig,
  'acme-storage': acmeStorage,
  'oauth2-config': oauth2Config,
  'llm-statistics': llmStatistics,
};
