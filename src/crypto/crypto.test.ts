/**
 * The core's crypto gives node:crypto's (OpenSSL's) answers: the fixtures, keys of every type
 * OpenSSL generates, damaged PEMs, JWKs, digests and PBKDF2 are all checked against node:crypto.
 */
import { X509Certificate, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, pbkdf2Sync } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestHex, loadCertificate, loadJwk, loadPrivateKey, loadPublicKeyPem, pbkdf2Sha512, randomUUID, sameKey } from './index.ts';
import { fromBase64, toBase64 } from './bytes.ts';

const DIRS = ['pki', 'certs'].map((d) => new URL(`../../fixtures/${d}/`, import.meta.url));
const files = DIRS.flatMap((dir) => readdirSync(dir).map((f) => ({ name: `${dir.pathname.split('/').at(-2)}/${f}`, text: readFileSync(new URL(f, dir), 'utf8') })));
const certs = files.filter((f) => f.name.endsWith('.crt'));
const keys = files.filter((f) => f.name.endsWith('.key'));

const nodeOk = (f: () => unknown): boolean => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

describe('certificates', () => {
  it.each(certs.map((c) => [c.name, c.text]))('%s reads as X509Certificate reads it', (_, pem) => {
    const node = new X509Certificate(pem);
    const mine = loadCertificate(pem)!;
    expect(mine.subject).toBe(node.subject);
    expect(mine.notAfter).toBe(Date.parse(node.validTo));
    expect(mine.ca).toBe(node.ca);
    expect(digestHex('sha256', mine.raw)).toBe(createHash('sha256').update(node.raw).digest('hex'));
    expect(mine.publicKey?.type).toBe(node.publicKey.asymmetricKeyType);
  });

  it('match the keys node:crypto says they match, and no other', () => {
    for (const c of certs) {
      for (const k of keys) {
        const expected = new X509Certificate(c.text).checkPrivateKey(createPrivateKey(k.text));
        expect([c.name, k.name, sameKey(loadCertificate(c.text)!.publicKey!, loadPrivateKey(k.text)!)]).toEqual([c.name, k.name, expected]);
      }
    }
  });
});

const TYPES = [
  ['rsa', { modulusLength: 1024 }],
  ['rsa-pss', { modulusLength: 1024 }],
  ['ec', { namedCurve: 'P-384' }],
  ['ec', { namedCurve: 'P-521' }],
  ['ec', { namedCurve: 'secp256k1' }],
  ['ed25519', {}],
  ['ed448', {}],
  ['x25519', {}],
  ['x448', {}],
  ['dsa', { modulusLength: 1024, divisorLength: 160 }],
] as const;

describe('keys of every type', () => {
  it.each(TYPES.map(([type, options]) => [type, options]))('%s %o: private and public halves load and match', (type, options) => {
    const pair = () => generateKeyPairSync(type as 'ec', options as { namedCurve: string });
    const a = pair();
    const b = pair();
    const formats: Array<{ type: 'pkcs8' | 'pkcs1' | 'sec1' }> = [{ type: 'pkcs8' }];
    if (type === 'rsa') formats.push({ type: 'pkcs1' });
    if (type === 'ec') formats.push({ type: 'sec1' });
    const pub = a.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadPublicKeyPem(pub)?.type).toBe(a.publicKey.asymmetricKeyType);
    for (const format of formats) {
      const priv = a.privateKey.export({ ...format, format: 'pem' }).toString();
      expect(sameKey(loadPrivateKey(priv)!, loadPublicKeyPem(pub)!)).toBe(true);
      expect(sameKey(loadPublicKeyPem(priv)!, loadPublicKeyPem(pub)!)).toBe(true);
      expect(sameKey(loadPrivateKey(b.privateKey.export({ ...format, format: 'pem' }).toString())!, loadPublicKeyPem(pub)!)).toBe(false);
    }
    if (type === 'rsa') expect(sameKey(loadPublicKeyPem(a.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString())!, loadPublicKeyPem(pub)!)).toBe(true);
  });

  it('an EC key without its public point (SEC1 lets it out) still derives it', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    const d = fromBase64(jwk.d!);
    // SEQUENCE { INTEGER 1, OCTET STRING d, [0] { OID prime256v1 } }
    const der = Uint8Array.from([0x30, 0x31, 0x02, 0x01, 0x01, 0x04, 0x20, ...d, 0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
    const pem = `-----BEGIN EC PRIVATE KEY-----\n${toBase64(der)}\n-----END EC PRIVATE KEY-----\n`;
    expect(nodeOk(() => createPrivateKey(pem))).toBe(true);
    expect(sameKey(loadPrivateKey(pem)!, loadPublicKeyPem(publicKey.export({ type: 'spki', format: 'pem' }).toString())!)).toBe(true);
  });
});

describe('damaged and odd PEM texts load where node:crypto loads them', () => {
  const variants = (pem: string): string[] => {
    const lines = pem.trim().split('\n');
    const body = lines.slice(1, -1).join('');
    const out = [
      pem,
      `junk before\n${pem}`,
      `  ${pem}`,
      pem.replace(/\n/g, '\r\n'),
      pem.slice(0, pem.length / 2),
      lines[0] + '\n' + body.slice(0, body.length - 8) + '\n' + lines.at(-1),
      lines[0] + '\n' + 'AAAA' + body.slice(4) + '\n' + lines.at(-1),
      lines[0] + '\n' + body.slice(0, 12) + '####' + body.slice(16) + '\n' + lines.at(-1),
      pem.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'),
      pem.replace(/PRIVATE KEY/g, 'ENCRYPTED PRIVATE KEY'),
      pem.replace('CERTIFICATE', 'X509 CERTIFICATE').replace('END CERTIFICATE', 'END X509 CERTIFICATE'),
      'not pem at all',
      '',
    ];
    // one character changed every 97, in single-block texts (a chain's body would run over its END line)
    if (lines.filter((l) => l.startsWith('-----BEGIN')).length === 1) for (let at = 30; at < body.length; at += 97) out.push(lines[0] + '\n' + body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1) + '\n' + lines.at(-1));
    return out;
  };
  // every variant whose answer differs from node:crypto's, with the variant's index
  const differences = (pems: string[], mine: (v: string) => unknown, node: (v: string) => unknown): string[] =>
    pems.flatMap((pem, p) => variants(pem).flatMap((v, i) => (!!mine(v) === nodeOk(() => node(v)) ? [] : [`pem ${p} variant ${i}: node ${!mine(v)}`])));
  it('certificates', () => {
    expect(differences(certs.map((c) => c.text), loadCertificate, (v) => new X509Certificate(v))).toEqual([]);
  });
  it('private keys', () => {
    expect(differences(keys.map((k) => k.text), loadPrivateKey, (v) => createPrivateKey(v))).toEqual([]);
  });
  it('public keys', () => {
    const pems = [...keys, ...certs].map((f) => f.text).concat(keys.map((k) => createPublicKey(k.text).export({ type: 'spki', format: 'pem' }).toString()));
    expect(differences(pems, loadPublicKeyPem, (v) => createPublicKey(v))).toEqual([]);
  });
});

describe('JWKs', () => {
  const ec = createPublicKey(keys[0].text.includes('EC') ? keys[0].text : readFileSync(new URL('../../fixtures/pki/ec.key', import.meta.url), 'utf8')).export({ format: 'jwk' });
  const rsa = createPublicKey(readFileSync(new URL('../../fixtures/pki/rsa.key', import.meta.url), 'utf8')).export({ format: 'jwk' });
  const cases: Array<Record<string, unknown>> = [
    ec,
    rsa,
    { ...rsa, d: 'AQAB' },
    { ...ec, d: 'AAAA' },
    { ...ec, y: ec.x },
    { ...ec, y: undefined },
    { ...ec, crv: 'P-384' },
    { ...ec, crv: 'nope' },
    { kty: 'RSA', n: 'AQAB' },
    { kty: 'RSA', n: 5, e: 'AQAB' },
    { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
    { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) },
    { kty: 'OKP', crv: 'X448', x: 'A'.repeat(75) },
    { kty: 'oops' },
    {},
  ];
  it.each(cases.map((c) => [JSON.stringify(c)]))('%s loads where createPublicKey loads it', (text) => {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    expect(loadJwk(jwk) !== undefined).toBe(nodeOk(() => createPublicKey({ key: jwk as never, format: 'jwk' })));
  });
});

describe('digests, PBKDF2 and random ids', () => {
  it('hash text as UTF-8, like createHash', () => {
    for (const text of ['', 'password', 'héllo ☃ 𝄞']) {
      for (const algorithm of ['md5', 'sha1', 'sha256'] as const) expect(digestHex(algorithm, text)).toBe(createHash(algorithm).update(text).digest('hex'));
    }
  });
  it('derive what pbkdf2Sync derives', () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
    expect(Array.from(pbkdf2Sha512('s3cret é', salt, 1000, 32))).toEqual(Array.from(pbkdf2Sync('s3cret é', salt, 1000, 32, 'sha512')));
  });
  it('make version 4 UUIDs', () => {
    expect(randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUUID()).not.toBe(randomUUID());
  });
});
