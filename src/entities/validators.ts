/**
 * Kong's named field validators (`x-kong-validator` in the document), each returning Kong's exact
 * message or null. They run after the type check, so values are of the field's type.
 */
import { pemKeyPair } from './keys.ts';
import { parseCertificate, parsePrivateKey, parsePublicKey } from './pem.ts';
import { utf8Length } from '../crypto/bytes.ts';
import type { Validator, ValidatorContext } from './types.ts';
import { versionAtLeast } from './types.ts';
import { normalizeIp } from './hosts.ts';
import { normalizeRouterPath } from './normalize.ts';
import { pluginValidators } from './plugin-validators.ts';
import { credentialValidators } from './credentials.ts';

const str = (v: unknown): string => String(v);

/** Lua's validate_utf8 position of the first bad byte, or 0 when the string is valid UTF-8. */
function badUtf8Position(text: string): number {
  // JS strings from JSON or decoded URLs are UTF-16; lone surrogates are the only invalid case.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return utf8Length(text.slice(0, i)) + 1;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return utf8Length(text.slice(0, i)) + 1;
  }
  return 0;
}

function utf8(text: string): string | null {
  const pos = badUtf8Position(text);
  return pos ? `invalid utf-8 character sequence detected at position ${pos}` : null;
}

const utf8Name: Validator = (v) => {
  const s = str(v);
  return utf8(s) ?? (/^[A-Za-z0-9.\-_~\u0080-\uffff]+$/.test(s) ? null : `invalid value '${s}': the only accepted ascii characters are alphanumerics or ., -, _, and ~`);
};

const asciiName: Validator = (v) => (/^[A-Za-z0-9.\-_~]+$/.test(str(v)) ? null : `invalid value '${str(v)}': it must only contain alphanumeric and '., -, _, ~' characters`);

const tag: Validator = (v, ctx) => {
  const s = str(v);
  const bad = utf8(s);
  if (bad) return bad;
  const allowed = versionAtLeast(ctx.version, '3.0') ? /^[ !-+\-.0-~\u0080-\uffff]+$/ : /^[!-+\-.0-~\u0080-\uffff]+$/;
  return allowed.test(s) ? null : `invalid tag '${s}': expected printable ascii (except \`,\` and \`/\`) or valid utf-8 sequences`;
};

/** host: a name or IP without a port (typedefs.host). */
const host: Validator = (v) => {
  const s = str(v);
  const parsed = normalizeIp(s);
  if ('error' in parsed && parsed.error !== 'invalid port number') return `invalid value: ${s}`;
  if ('error' in parsed || parsed.port !== undefined) return 'must not have a port';
  return null;
};

const hostWithOptionalPort: Validator = (v) => {
  const s = str(v);
  const parsed = normalizeIp(s);
  return 'error' in parsed ? parsed.error : null;
};

const hostname: Validator = (v) => {
  const s = str(v);
  const parsed = normalizeIp(s);
  if ('error' in parsed) return `invalid value: ${s}`;
  if (parsed.type !== 'name') return 'must not be an IP';
  return parsed.port !== undefined ? 'must not have a port' : null;
};

/** snis: a name (no IP, no port); 3.x also allows one wildcard at either end. */
function sniCheck(s: string, wildcard: boolean): string | null {
  let name = s;
  if (wildcard) {
    const idx = s.indexOf('*');
    if (idx !== -1) {
      if (idx !== 0 && idx !== s.length - 1) return 'wildcard must be leftmost or rightmost character';
      if (s.split('*').length > 2) return 'only one wildcard must be specified';
      name = s.replace('*', 'wildcard');
    }
  }
  const parsed = normalizeIp(name);
  if ('error' in parsed && parsed.error !== 'invalid port number') return `invalid value: ${name}`;
  if (!('error' in parsed) && parsed.type !== 'name') return 'must not be an IP';
  if ('error' in parsed || parsed.port !== undefined) return 'must not have a port';
  return null;
}

const sni: Validator = (v) => sniCheck(str(v), false);
/** SNI entities and certificate snis: one wildcard at either end (all versions). */
const wildcardHost: Validator = (v) => sniCheck(str(v), true);
/** Route snis: wildcards with the 3.x router, plain names in 2.8. */
const routeSni: Validator = (v, ctx) => sniCheck(str(v), versionAtLeast(ctx.version, '3.0'));

const routeHost: Validator = (v) => {
  const s = str(v);
  if ((s.match(/\*/g) ?? []).length > 1) return 'invalid wildcard: must have at most one wildcard';
  if (s.includes('*') && !/^\*\./.test(s) && !/\.\*$/.test(s)) return 'invalid wildcard: must be placed at leftmost or rightmost label';
  const parsed = normalizeIp(s.replace(/\*/g, 'abc'));
  return 'error' in parsed ? parsed.error : null;
};

const ip: Validator = (v) => {
  const parsed = normalizeIp(str(v));
  return 'error' in parsed || parsed.type === 'name' || parsed.port !== undefined ? `not an ip address: ${str(v)}` : null;
};

function isCidr(s: string, v4only: boolean): boolean {
  const [addr, bits, extra] = s.split('/');
  if (extra !== undefined) return false;
  const parsed = normalizeIp(addr);
  if ('error' in parsed || parsed.type === 'name' || parsed.port !== undefined) return false;
  if (v4only && parsed.type !== 'ipv4') return false;
  if (bits === undefined) return true;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits)) return false;
  return Number(bits) <= (parsed.type === 'ipv4' ? 32 : 128);
}

const ipOrCidr: Validator = (v) => (isCidr(str(v), false) ? null : `invalid ip or cidr range: '${str(v)}'`);
const cidr: Validator = (v) => (isCidr(str(v), true) ? null : `invalid ipv4 cidr range: '${str(v)}'`);
const ipv4: Validator = (v) => {
  const parsed = normalizeIp(str(v));
  return 'error' in parsed || parsed.type !== 'ipv4' ? `not an ip address: ${str(v)}` : null;
};
const ipv6: Validator = (v) => {
  const parsed = normalizeIp(str(v));
  return 'error' in parsed || parsed.type !== 'ipv6' ? `not an ip address: ${str(v)}` : null;
};

const RFC3986_PATH = /^\/[A-Za-z0-9.\-_~/%:@!$&'()*+,;=]*$/;

function percentProblem(s: string): string | null {
  const raw = s.replace(/%[0-9a-fA-F]{2}/g, '___');
  const i = raw.indexOf('%');
  return i === -1 ? null : `invalid url-encoded value: '${raw.slice(i, i + 3)}'`;
}

/** typedefs.path (service paths). */
const path: Validator = (v) => {
  const s = str(v);
  if (!s.startsWith('/')) return 'should start with: /';
  if (s.includes('//')) return 'must not have empty segments';
  if (!RFC3986_PATH.test(s)) return `invalid path: '${s}' (characters outside of the reserved list of RFC 3986 found)`;
  return percentProblem(s);
};

/** typedefs.router_path (route paths): 3.x `~` regexes and normalised plain paths; 2.8 plain `/` paths. */
const routerPath: Validator = (v, ctx) => {
  const s = str(v);
  const v3 = versionAtLeast(ctx.version, '3.0');
  if (v3 ? !/^~?\//.test(s) : !s.startsWith('/')) return v3 ? 'should start with: / (fixed path) or ~/ (regex path)' : 'should start with: /';
  if (s.includes('//')) return 'must not have empty segments';
  // Kong checks percent-escapes only when the whole path is within RFC 3986's set (never for `~` paths).
  const percent = RFC3986_PATH.test(s) ? percentProblem(s) : null;
  if (percent) return percent;
  const regex = v3 ? (s.startsWith('~') ? s.slice(1) : null) : /[^A-Za-z0-9.\-_~/%]/.test(s) ? s : null;
  if (regex !== null) {
    try {
      new RegExp(regex.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?<$1>'), 'u');
    } catch (error) {
      return `invalid regex: '${regex}' (PCRE returned: ${pcreMessage(error, regex, ctx)})`;
    }
    return null;
  }
  if (v3 && versionAtLeast(ctx.version, '3.1')) {
    const normalized = normalizeRouterPath(s);
    if (normalized !== s) return `non-normalized path, consider use '${normalized}' instead`;
  }
  return null;
};

/** JS RegExp errors in PCRE (2.8) and PCRE2 (3.x) wording. */
const PCRE_WORDING: [RegExp, string, string][] = [
  [/Unterminated group/, 'missing )', 'missing closing parenthesis'],
  [/Unmatched '\)'/, 'unmatched parentheses', 'unmatched closing parenthesis'],
  [/Unterminated character class/, 'missing terminating ] for character class', 'missing terminating ] for character class'],
  [/Nothing to repeat/, 'nothing to repeat', 'quantifier does not follow a repeatable item'],
  [/numbers out of order/, 'numbers out of order in {} quantifier', 'numbers out of order in {} quantifier'],
  [/Invalid escape|\\ at end of pattern/, '\\ at end of pattern', '\\ at end of pattern'],
];

/** What ngx.re reports for a pattern that does not compile: `pcre[2]_compile() failed: <why> in "<re>"`. */
function pcreMessage(error: unknown, re: string, ctx: ValidatorContext): string {
  const text = error instanceof Error ? error.message : String(error);
  const v3 = versionAtLeast(ctx.version, '3.0');
  const known = PCRE_WORDING.find(([js]) => js.test(text));
  const why = known ? (v3 ? known[2] : known[1]) : text.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '').toLowerCase();
  return `${v3 ? 'pcre2_compile' : 'pcre_compile'}() failed: ${why} in "${re}"`;
}

/** LuaSocket's url.parse as Kong's typedefs.url uses it: the host comes from a `//authority`. */
const url: Validator = (v) => {
  let rest = str(v).replace(/#.*$/, '');
  const scheme = /^([A-Za-z0-9][A-Za-z0-9+\-.]*):/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const authority = /^\/\/([^/]*)/.exec(rest);
  const hostPart = authority ? authority[1].replace(/^[^@]*@/, '').replace(/:[^:\]]*$/, '') : '';
  if (hostPart === '') return 'missing host in url';
  if (!scheme) return 'missing scheme in url';
  return null;
};

const headerName: Validator = (v) => {
  const s = str(v);
  if (s === '') return 'no header name provided';
  return /^[a-zA-Z0-9\-_]+$/.test(s) ? null : `bad header name '${s}', allowed characters are A-Z, a-z, 0-9, '_', and '-'`;
};

const httpMethod: Validator = (v) => (/^[A-Z]+$/.test(str(v)) ? null : `invalid value: ${str(v)}`);

const upstreamName: Validator = (v) => {
  const s = str(v);
  const label = badUtf8Position(s) ? 'Invalid name' : `Invalid name ('${s}')`;
  const parsed = normalizeIp(s);
  if ('error' in parsed) return `${label}; must be a valid hostname`;
  if (parsed.type !== 'name') return `${label}; no ip addresses allowed`;
  if (parsed.port !== undefined) return `${label}; no port allowed`;
  return null;
};

const target: Validator = (v) => {
  const parsed = normalizeIp(str(v));
  return 'error' in parsed ? `Invalid target ('${str(v)}'); not a valid hostname or ip address` : null;
};

const cookieName: Validator = (v) =>
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(str(v))
    ? null
    : 'contains one or more invalid characters. ASCII control characters (0-31;127), space, tab and the characters ()<>@,;:\\"/?={}[] are not allowed.';

const regex: Validator = (v, ctx) => {
  try {
    new RegExp(str(v));
    return null;
  } catch (error) {
    return `invalid regex: '${str(v)}' (PCRE returned: ${pcreMessage(error, str(v), ctx)})`;
  }
};

/** cors origins: `*` or a regex. */
const corsOrigin: Validator = (v) => {
  if (str(v) === '*') return null;
  try {
    new RegExp(str(v));
    return null;
  } catch {
    return `'${str(v)}' is not a valid regex`;
  }
};

/** lua-resty-openssl's wording (OpenSSL 3) for a PEM block whose body is not a certificate. */
export const CERT_ASN1_ERROR = 'x509.new: error:688010A:asn1 encoding routines:asn1_item_embed_d2i:nested asn1 error:asn1/tasn_dec.c:349:';
/** ... and for text with no certificate block at all (read as DER). */
export const CERT_NOT_PEM_ERROR = 'x509.new: error:068000A8:asn1 encoding routines::wrong tag:crypto/asn1/tasn_dec.c:1188:';
/** pkey.new's wording when neither a private nor a public key can be decoded. */
export const KEY_DECODE_ERROR = 'pkey.new:load_key: error:1E08010C:DECODER routines::unsupported:crypto/encode_decode/decoder_lib.c:102:';

const certificatePem: Validator = (v) => {
  const s = str(v);
  if (parseCertificate(s)) return null;
  return `invalid certificate: ${s.includes('-----BEGIN CERTIFICATE-----') ? CERT_ASN1_ERROR : CERT_NOT_PEM_ERROR}`;
};

/** Private or public keys (pkey.new tries both); a certificate is not a key. */
const keyPem: Validator = (v) => {
  const s = str(v);
  if (parsePrivateKey(s)) return null;
  if (!s.includes('-----BEGIN CERTIFICATE-----') && parsePublicKey(s)) return null;
  return `invalid key: ${KEY_DECODE_ERROR}`;
};

const vaultPrefix: Validator = (v) => {
  const s = str(v);
  if (!/^[a-z][a-z\d-]*[a-z\d]$/.test(s)) return `invalid value: ${s}`;
  return s === 'env' ? 'must not be one of: env' : null;
};


const PROTOCOL_SUBSETS = [['http', 'https'], ['tcp', 'tls', 'udp'], ['tls_passthrough'], ['grpc', 'grpcs']];

/** Route protocols: members of different families cannot be mixed. */
const protocolSubsets: Validator = (v) => {
  if (!Array.isArray(v)) return null;
  const used = PROTOCOL_SUBSETS.filter((set) => set.some((p) => v.includes(p)));
  if (used.length < 2) return null;
  return `these sets are mutually exclusive: ${used.map((set) => `(${set.map((p) => `'${p}'`).join(', ')})`).join(', ')}`;
};

/** Route header names: `host` belongs in `hosts`. */
const routeHeaderNotHost: Validator = (v) => (/^host$/i.test(str(v)) ? "cannot contain 'host' header, which must be specified in the 'hosts' attribute" : null);

/** Lua code cannot be compiled here: any string is accepted. */
const luaCode: Validator = () => null;

export const validators: Record<string, Validator> = {
  'utf8-name': utf8Name,
  name: asciiName,
  host,
  hostname,
  'host-with-optional-port': hostWithOptionalPort,
  ip,
  ipv4,
  ipv6,
  cidr,
  'ip-or-cidr': ipOrCidr,
  path,
  'router-path': routerPath,
  'route-host': routeHost,
  'wildcard-host': wildcardHost,
  'route-sni': routeSni,
  sni,
  url,
  'header-name': headerName,
  'http-method': httpMethod,
  tag,
  'upstream-name': upstreamName,
  target,
  'cookie-name': cookieName,
  regex,
  'cors-origin': corsOrigin,
  'certificate-pem': certificatePem,
  'key-pem': keyPem,
  'lua-code': luaCode,
  'vault-prefix': vaultPrefix,
  'protocol-subsets': protocolSubsets,
  'pem-key-pair': pemKeyPair,
  'route-header-not-host': routeHeaderNotHost,
  ...pluginValidators,
  ...credentialValidators,
};

export type { ValidatorContext };
