import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KongVersion } from './types.ts';
import { CERT_ASN1_ERROR, CERT_NOT_PEM_ERROR, KEY_DECODE_ERROR, validators } from './validators.ts';

const v3 = { version: '3.9' as KongVersion };
const v2 = { version: '2.8' as KongVersion };
const check = (name: string, value: unknown, ctx = v3): string | null => {
  const validator = validators[name];
  if (!validator) throw new Error(`no validator ${name}`);
  return validator(value, ctx);
};
type Case = [input: string, message: string | null];
const table = (name: string, cases: Case[], ctx = v3): void => {
  it.each(cases)(`${name} (${ctx.version}) %j → %j`, (input, message) => {
    expect(check(name, input, ctx)).toBe(message);
  });
};

describe('the registry', () => {
  it('holds every name the document refers to', () => {
    const required = [
      'utf8-name', 'name', 'host', 'hostname', 'host-with-optional-port', 'ip', 'ipv4', 'ipv6', 'cidr', 'ip-or-cidr',
      'path', 'router-path', 'route-host', 'wildcard-host', 'sni', 'url', 'header-name', 'http-method', 'tag',
      'upstream-name', 'target', 'cookie-name', 'regex', 'certificate-pem', 'key-pem', 'lua-code', 'vault-prefix', 'pem-key-pair',
    ];
    expect(required.filter((n) => typeof validators[n] !== 'function')).toEqual([]);
  });
});

describe('names', () => {
  table('utf8-name', [
    ['my-service_1.v2~x', null],
    ['café', null],
    ['has space', "invalid value 'has space': the only accepted ascii characters are alphanumerics or ., -, _, and ~"],
    ['a/b', "invalid value 'a/b': the only accepted ascii characters are alphanumerics or ., -, _, and ~"],
    ['bad\uD800', 'invalid utf-8 character sequence detected at position 4'],
  ]);
  table('name', [
    ['abc-1.2_3~', null],
    ['café', "invalid value 'café': it must only contain alphanumeric and '., -, _, ~' characters"],
  ]);
});

describe('tags', () => {
  const bad = (t: string): string => `invalid tag '${t}': expected printable ascii (except \`,\` and \`/\`) or valid utf-8 sequences`;
  table('tag', [
    ['prod', null],
    ['a:b=c!', null],
    ['日本', null],
    ['with space', null],
    ['a,b', bad('a,b')],
    ['a/b', bad('a/b')],
    ['tab\there', bad('tab\there')],
    ['x\uDC00', 'invalid utf-8 character sequence detected at position 2'],
  ]);
  table('tag', [['with space', bad('with space')], ['prod', null]], v2);
});

describe('hosts', () => {
  table('host', [
    ['example.com', null],
    ['10.0.0.1', null],
    ['example.com:80', 'must not have a port'],
    ['example.com:99999', 'must not have a port'],
    ['exa mple.com', 'invalid value: exa mple.com'],
    ['bad-.com', 'invalid value: bad-.com'],
  ]);
  table('host-with-optional-port', [
    ['example.com', null],
    ['example.com:8080', null],
    ['[::1]:8080', null],
    ['example.com:99999', 'invalid port number'],
    ['exa mple.com', 'invalid hostname: exa mple.com'],
    ['1.2.3.999', 'invalid ipv4 address: 1.2.3.999'],
  ]);
  table('hostname', [
    ['example.com', null],
    ['10.0.0.1', 'must not be an IP'],
    ['example.com:80', 'must not have a port'],
    ['exa mple.com', 'invalid value: exa mple.com'],
  ]);
  table('sni', [
    ['example.com', null],
    ['10.0.0.1', 'must not be an IP'],
    ['example.com:443', 'must not have a port'],
    ['*.example.com', 'invalid value: *.example.com'],
  ]);
  table('wildcard-host', [
    ['*.example.com', null],
    ['example.*', null],
    ['a.*.com', 'wildcard must be leftmost or rightmost character'],
    ['*.example.*', 'only one wildcard must be specified'],
    ['*.exa mple.com', 'invalid value: wildcard.exa mple.com'],
    ['*.example.com:443', 'must not have a port'],
  ]);
  table('route-host', [
    ['example.com', null],
    ['*.example.com', null],
    ['example.*', null],
    ['example.com:8000', null],
    ['*.example.com:8000', null],
    ['a.*.com', 'invalid wildcard: must be placed at leftmost or rightmost label'],
    ['*example.com', 'invalid wildcard: must be placed at leftmost or rightmost label'],
    ['*.a.*', 'invalid wildcard: must have at most one wildcard'],
    ['exa mple.com', 'invalid hostname: exa mple.com'],
    ['example.com:99999', 'invalid port number'],
  ]);
});

describe('addresses', () => {
  table('ip', [
    ['10.0.0.1', null],
    ['::1', null],
    ['example.com', 'not an ip address: example.com'],
    ['10.0.0.1:80', 'not an ip address: 10.0.0.1:80'],
  ]);
  table('ipv4', [['10.0.0.1', null], ['::1', 'not an ip address: ::1']]);
  table('ipv6', [['fe80::1', null], ['10.0.0.1', 'not an ip address: 10.0.0.1']]);
  table('ip-or-cidr', [
    ['10.0.0.1', null],
    ['10.0.0.0/8', null],
    ['10.0.0.0/0', null],
    ['2001:db8::/32', null],
    ['::1/128', null],
    ['10.0.0.0/33', "invalid ip or cidr range: '10.0.0.0/33'"],
    ['10.0.0.0/016', "invalid ip or cidr range: '10.0.0.0/016'"],
    ['::1/129', "invalid ip or cidr range: '::1/129'"],
    ['example.com', "invalid ip or cidr range: 'example.com'"],
    ['10.0.0.0/8/8', "invalid ip or cidr range: '10.0.0.0/8/8'"],
  ]);
  table('cidr', [
    ['10.0.0.0/8', null],
    ['10.0.0.1', null],
    ['::1/128', "invalid ipv4 cidr range: '::1/128'"],
  ]);
});

describe('paths', () => {
  table('path', [
    ['/', null],
    ['/a/b-c_d.e~f/%20:@!$&\'()*+,;=', null],
    ['a', 'should start with: /'],
    ['/a//b', 'must not have empty segments'],
    ['/a b', "invalid path: '/a b' (characters outside of the reserved list of RFC 3986 found)"],
    ['/a%zz', "invalid url-encoded value: '%zz'"],
    ['/a%2', "invalid url-encoded value: '%2'"],
  ]);
  table('router-path', [
    ['/', null],
    ['/api/v1', null],
    ['/a%2Fb', null],
    ['/a b', null],
    ['~/users/\\d+$', null],
    ['~/(?<id>[^/]+)', null],
    ['api', 'should start with: / (fixed path) or ~/ (regex path)'],
    ['~api', 'should start with: / (fixed path) or ~/ (regex path)'],
    ['/a//b', 'must not have empty segments'],
    ['/a%zz', "invalid url-encoded value: '%zz'"],
    ['~/a%zz', null],
    ['/a/../b', "non-normalized path, consider use '/b' instead"],
    ['/a/./b', "non-normalized path, consider use '/a/b' instead"],
    ['/%7euser', "non-normalized path, consider use '/~user' instead"],
    ['/a%2fb', "non-normalized path, consider use '/a%2Fb' instead"],
  ]);
  table('router-path', [
    ['~/users/(foo/profile', `invalid regex: '/users/(foo/profile' (PCRE returned: pcre2_compile() failed: missing closing parenthesis in "/users/(foo/profile")`],
    ['~/a)b', `invalid regex: '/a)b' (PCRE returned: pcre2_compile() failed: unmatched closing parenthesis in "/a)b")`],
    ['~/a[b', `invalid regex: '/a[b' (PCRE returned: pcre2_compile() failed: missing terminating ] for character class in "/a[b")`],
    ['~/a**', `invalid regex: '/a**' (PCRE returned: pcre2_compile() failed: quantifier does not follow a repeatable item in "/a**")`],
  ]);
  table('router-path', [
    ['/api/v1', null],
    ['/a/../b', null],
    ['/users/\\d+', null],
    ['~/users', 'should start with: /'],
    ['/a//b', 'must not have empty segments'],
    ['/a%zz', "invalid url-encoded value: '%zz'"],
  ], v2);
  table('router-path', [
    ['/users/(foo/profile', `invalid regex: '/users/(foo/profile' (PCRE returned: pcre_compile() failed: missing ) in "/users/(foo/profile")`],
  ], v2);
});

describe('urls', () => {
  table('url', [
    ['http://example.com', null],
    ['https://user:pw@example.com:8443/x?y#z', null],
    ['grpc://[::1]:50051', null],
    ['example.com', 'missing host in url'],
    ['http:/example.com', 'missing host in url'],
    ['http://', 'missing host in url'],
    ['//example.com/x', 'missing scheme in url'],
  ]);
});

describe('headers and methods', () => {
  table('header-name', [
    ['X-Custom_1', null],
    ['', 'no header name provided'],
    ['X Custom', "bad header name 'X Custom', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
    ['X:Y', "bad header name 'X:Y', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
  ]);
  table('http-method', [
    ['GET', null],
    ['PURGE', null],
    ['get', 'invalid value: get'],
    ['GE T', 'invalid value: GE T'],
  ]);
  table('cookie-name', [
    ['session_id', null],
    ['a b', 'contains one or more invalid characters. ASCII control characters (0-31;127), space, tab and the characters ()<>@,;:\\"/?={}[] are not allowed.'],
    ['a=b', 'contains one or more invalid characters. ASCII control characters (0-31;127), space, tab and the characters ()<>@,;:\\"/?={}[] are not allowed.'],
  ]);
});

describe('upstreams and targets', () => {
  table('upstream-name', [
    ['my-upstream', null],
    ['backend.internal', null],
    ['10.0.0.1', "Invalid name ('10.0.0.1'); no ip addresses allowed"],
    ['backend:8000', "Invalid name ('backend:8000'); no port allowed"],
    ['bad name', "Invalid name ('bad name'); must be a valid hostname"],
    ['bad\uD800', 'Invalid name; must be a valid hostname'],
  ]);
  table('target', [
    ['example.com:80', null],
    ['10.0.0.1', null],
    ['[::1]:81', null],
    ['bad name', "Invalid target ('bad name'); not a valid hostname or ip address"],
    ['example.com:99999', "Invalid target ('example.com:99999'); not a valid hostname or ip address"],
  ]);
});

describe('regexes, vaults, lua', () => {
  table('regex', [['^/a/(\\d+)$', null]]);
  it('regex reports a bad one', () => {
    expect(check('regex', '(')).toBe(`invalid regex: '(' (PCRE returned: pcre2_compile() failed: missing closing parenthesis in "(")`);
  });
  table('vault-prefix', [
    ['my-vault', null],
    ['aws2', null],
    ['env', 'must not be one of: env'],
    ['My-Vault', 'invalid value: My-Vault'],
    ['vault-', 'invalid value: vault-'],
  ]);
  table('lua-code', [['return 1', null], ['this is not lua', null]]);
});

describe('PEM material', () => {
  const pki = (name: string): string => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');
  table('certificate-pem', [
    [pki('rsa.crt'), null],
    [pki('ec.crt'), null],
    // the validator itself checks a reference like any text: fields that may hold one say so (x-kong-referenceable)
    ['{vault://env/cert}', `invalid certificate: ${CERT_NOT_PEM_ERROR}`],
    ['not a cert', `invalid certificate: ${CERT_NOT_PEM_ERROR}`],
    [pki('rsa.key'), `invalid certificate: ${CERT_NOT_PEM_ERROR}`],
    [pki('rsa.crt').replace('MII', 'AAA'), `invalid certificate: ${CERT_ASN1_ERROR}`],
  ]);
  const publicKeyPem = createPublicKey(pki('rsa.key')).export({ format: 'pem', type: 'spki' }).toString();
  table('key-pem', [
    [pki('rsa.key'), null],
    [pki('ec.key'), null],
    ['{vault://env/key}', `invalid key: ${KEY_DECODE_ERROR}`],
    [publicKeyPem, null],
    ['not a key', `invalid key: ${KEY_DECODE_ERROR}`],
    [pki('rsa.crt'), `invalid key: ${KEY_DECODE_ERROR}`],
  ]);
});
