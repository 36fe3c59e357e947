import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  certificateKeyType,
  countCertificates,
  isCa,
  isExpired,
  keyMatchesCertificate,
  parseCertificate,
  parsePrivateKey,
  sha256Digest,
} from './pem.ts';

const pki = (name: string): string => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');
const cert = (name: string) => {
  const c = parseCertificate(pki(name));
  if (!c) throw new Error(`fixture ${name} does not parse`);
  return c;
};
const key = (name: string) => {
  const k = parsePrivateKey(pki(name));
  if (!k) throw new Error(`fixture ${name} does not parse`);
  return k;
};

describe('parsing', () => {
  it('returns undefined for text that is not PEM', () => {
    expect(parseCertificate('hello')).toBeUndefined();
    expect(parsePrivateKey('hello')).toBeUndefined();
    expect(parseCertificate(pki('rsa.key'))).toBeUndefined();
    expect(parsePrivateKey(pki('rsa.crt'))).toBeUndefined();
  });
  it('parses RSA and EC certificates and keys', () => {
    expect(cert('rsa.crt').subject).toBe('CN=rsa.example.test');
    expect(key('ec.key').asymmetricKeyType).toBe('ec');
  });
});

describe('keyMatchesCertificate', () => {
  it('accepts the matching key and rejects another key', () => {
    expect(keyMatchesCertificate(cert('rsa.crt'), key('rsa.key'))).toBe(true);
    expect(keyMatchesCertificate(cert('rsa.crt'), key('rsa-other.key'))).toBe(false);
    expect(keyMatchesCertificate(cert('ec.crt'), key('ec.key'))).toBe(true);
    expect(keyMatchesCertificate(cert('ec.crt'), key('ec-other.key'))).toBe(false);
    expect(keyMatchesCertificate(cert('ec.crt'), key('rsa.key'))).toBe(false);
  });
});

describe('certificate facts', () => {
  it('tells the key type', () => {
    expect(certificateKeyType(cert('rsa.crt'))).toBe('rsa');
    expect(certificateKeyType(cert('ec.crt'))).toBe('ec');
  });
  it('counts certificates in a PEM text', () => {
    expect(countCertificates(pki('rsa.crt'))).toBe(1);
    expect(countCertificates(pki('rsa-chain.crt'))).toBe(2);
    expect(countCertificates('nothing here')).toBe(0);
  });
  it('tells CA certificates from leaves', () => {
    expect(isCa(cert('ca.crt'))).toBe(true);
    expect(isCa(cert('ca-expired.crt'))).toBe(true);
    expect(isCa(cert('rsa.crt'))).toBe(false);
  });
  it('tells expired certificates', () => {
    expect(isExpired(cert('ca-expired.crt'))).toBe(true);
    expect(isExpired(cert('ca.crt'))).toBe(false);
    expect(isExpired(cert('ca.crt'), new Date('2200-01-01T00:00:00Z'))).toBe(true);
    expect(isExpired(cert('ca-expired.crt'), new Date('2020-06-01T00:00:00Z'))).toBe(false);
  });
});

describe('sha256Digest', () => {
  it('hashes the DER encoding, like `openssl x509 -fingerprint -sha256`', () => {
    const fingerprint = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', new URL('../../fixtures/pki/ca.crt', import.meta.url).pathname])
      .toString()
      .split('=')[1]
      .trim()
      .replace(/:/g, '')
      .toLowerCase();
    expect(sha256Digest(pki('ca.crt'))).toBe(fingerprint);
    expect(sha256Digest(pki('ca.crt'))).toMatch(/^[0-9a-f]{64}$/);
  });
  it('is the same with or without surrounding whitespace', () => {
    expect(sha256Digest(`\n${pki('ca.crt')}\n\n`)).toBe(sha256Digest(pki('ca.crt')));
  });
  it('is undefined for bad input', () => {
    expect(sha256Digest('not a cert')).toBeUndefined();
  });
});
