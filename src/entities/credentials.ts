/**
 * Consumer credentials of the bundled auth plugins: the stored forms Kong's transformations
 * write (basic-auth passwords, hashed oauth2 client secrets) and the validators of their fields.
 */
import { digestHex, pbkdf2Sha512, randomBytes } from '../crypto/index.ts';
import { fromBase64, toBase64 } from '../crypto/bytes.ts';
import type { Validator } from './types.ts';
import { parsePrivateKey, parsePublicKey } from './pem.ts';

/** basic-auth: the hex SHA-1 of the password followed by the consumer id (kong/plugins/basic-auth/crypto.lua). */
export function hashPassword(password: string, consumerId: string): string {
  return digestHex('sha1', password + consumerId);
}

/**
 * oauth2 `hash_secret`: the PHC string kong/plugins/oauth2/secret.lua writes with its PBKDF2
 * settings (SHA-512, 10000 iterations, a 32-byte hash of a 16-byte random salt); salt and hash
 * in standard base64 without padding (ngx.encode_base64 with no_padding).
 */
export function hashClientSecret(secret: string, salt: Uint8Array = randomBytes(16)): string {
  const hash = pbkdf2Sha512(secret, salt, 10000, 32);
  const b64 = (b: Uint8Array): string => toBase64(b).replace(/=+$/, '');
  return `$pbkdf2-sha512$i=10000,l=32$${b64(salt)}$${b64(hash)}`;
}

/** Checks a PHC string of `hashClientSecret` against a secret (what the plugin does on a token request). */
export function verifyClientSecret(secret: string, phc: string): boolean {
  const m = /^\$pbkdf2-sha512\$i=(\d+),l=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!m) return false;
  const hash = pbkdf2Sha512(secret, fromBase64(m[3]), Number(m[1]), Number(m[2]));
  return toBase64(hash).replace(/=+$/, '') === m[4];
}

/**
 * The on-write functions of Kong's `transformations` (`on-write` in `x-kong-entity.transformations`):
 * they get the input fields' values, then the needed fields' values, and return the fields to store.
 */
export type OnWrite = (...args: unknown[]) => Record<string, unknown>;

export const transformations: Record<string, OnWrite> = {
  // kong/plugins/basic-auth/daos.lua: input password, needs consumer.id
  'basic-auth-password': (password, consumerId) => ({ password: hashPassword(String(password), String(consumerId)) }),
  // kong/plugins/oauth2/daos.lua: input hash_secret, needs client_secret; only `true` hashes
  'oauth2-hash-secret': (hashSecret, clientSecret) => (hashSecret === true ? { client_secret: hashClientSecret(String(clientSecret)) } : {}),
};

/**
 * LuaSocket 3.0-rc1's `url.parse` as far as the plugins read it (oauth2's redirect URIs, http-log's
 * endpoint): the fragment goes first (from the first `#`), then the scheme, then a `//authority`,
 * whose user info runs to its first `@` and whose host is what is left once the user info and the
 * port are taken off. Null for the empty string (parse returns nil).
 */
export function socketUrlParse(url: string): { scheme?: string; userinfo?: string; host?: string; fragment?: string } | null {
  if (url === '') return null;
  const parsed: { scheme?: string; userinfo?: string; host?: string; fragment?: string } = {};
  let rest = url;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    parsed.fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const scheme = /^([A-Za-z0-9][A-Za-z0-9+\-.]*):/.exec(rest);
  if (scheme) {
    parsed.scheme = scheme[1];
    rest = rest.slice(scheme[0].length);
  }
  const authority = /^\/\/([^/]*)/.exec(rest);
  if (!authority) return parsed;
  const at = authority[1].indexOf('@');
  if (at !== -1) parsed.userinfo = authority[1].slice(0, at);
  const host = authority[1].slice(at + 1).replace(/:[^:\]]*$/, '');
  if (host !== '') parsed.host = /^\[(.+)\]$/.exec(host)?.[1] ?? host;
  return parsed;
}

/** oauth2 `redirect_uris` elements (kong/plugins/oauth2/daos.lua): a scheme and a host, no fragment. */
const redirectUri: Validator = (v) => {
  const uri = String(v);
  const parsed = socketUrlParse(uri);
  if (!parsed?.host || !parsed.scheme) return `cannot parse '${uri}'`;
  if (parsed.fragment !== undefined) return `fragment not allowed in '${uri}'`;
  return null;
};

/**
 * jwt `rsa_public_key` when the algorithm needs one: a key lua-resty-openssl's pkey.new loads, a
 * private or a public one (a certificate is not a key); Kong's message is just `invalid key`.
 */
const opensslPkey: Validator = (v) => {
  const s = String(v);
  if (parsePrivateKey(s)) return null;
  if (!s.includes('-----BEGIN CERTIFICATE-----') && parsePublicKey(s)) return null;
  return 'invalid key';
};

export const credentialValidators: Record<string, Validator> = {
  'oauth2-redirect-uri': redirectUri,
  'openssl-pkey': opensslPkey,
};
