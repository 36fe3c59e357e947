/**
 * A strict reader of DER (the ASN.1 encoding of certificates and keys) and of the PEM blocks that
 * wrap it. Only what X.509 and the key formats use: low tag numbers, definite lengths. Anything
 * else throws a DerError, which the callers turn into "does not load", as OpenSSL does.
 */
import { fromBase64 } from './bytes.ts';

export class DerError extends Error {}

export const TAG = { boolean: 0x01, integer: 0x02, bitString: 0x03, octetString: 0x04, null: 0x05, oid: 0x06, utf8: 0x0c, sequence: 0x30, set: 0x31 } as const;

/** One type-length-value: `tag` is the identifier octet, `bytes` the whole encoding, `value` its contents. */
export interface Tlv {
  tag: number;
  bytes: Uint8Array;
  value: Uint8Array;
}

function readOne(data: Uint8Array, at: number): Tlv {
  if (at + 2 > data.length) throw new DerError('truncated');
  const tag = data[at];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag number');
  let length = data[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new DerError('unsupported length');
    if (start + octets > data.length) throw new DerError('truncated');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + data[start + i];
    start += octets;
  }
  if (start + length > data.length) throw new DerError('truncated');
  return { tag, bytes: data.subarray(at, start + length), value: data.subarray(start, start + length) };
}

/** The single element `data` encodes; trailing bytes are an error. */
export function decode(data: Uint8Array, tag?: number): Tlv {
  const tlv = readOne(data, 0);
  if (tlv.bytes.length !== data.length) throw new DerError('trailing data');
  return expectTag(tlv, tag);
}

/** The elements of a constructed value (SEQUENCE, SET, explicit tag), in order. */
export function children(tlv: Tlv): Tlv[] {
  if (!(tlv.tag & 0x20)) throw new DerError('not constructed');
  const out: Tlv[] = [];
  for (let at = 0; at < tlv.value.length; ) {
    const child = readOne(tlv.value, at);
    out.push(child);
    at += child.bytes.length;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag?: number): Tlv {
  if (!tlv) throw new DerError('missing element');
  if (tag !== undefined && tlv.tag !== tag) throw new DerError(`expected tag ${tag}, found ${tlv.tag}`);
  return tlv;
}

/** The children of a SEQUENCE, checked for at least `min` elements. */
export function sequence(tlv: Tlv | undefined, min = 0): Tlv[] {
  const items = children(expectTag(tlv, TAG.sequence));
  if (items.length < min) throw new DerError('sequence too short');
  return items;
}

export function integer(tlv: Tlv | undefined): bigint {
  const { value } = expectTag(tlv, TAG.integer);
  if (value.length === 0) throw new DerError('empty integer');
  let n = 0n;
  for (const b of value) n = (n << 8n) | BigInt(b);
  return value[0] & 0x80 ? n - (1n << BigInt(value.length * 8)) : n;
}

export function oid(tlv: Tlv | undefined): string {
  const { value } = expectTag(tlv, TAG.oid);
  if (value.length === 0 || value[value.length - 1] & 0x80) throw new DerError('bad object identifier');
  const arcs: number[] = [];
  let n = 0;
  for (const b of value) {
    n = n * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(n);
      n = 0;
    }
  }
  const first = Math.min(Math.floor(arcs[0] / 40), 2);
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

export function octetString(tlv: Tlv | undefined): Uint8Array {
  return expectTag(tlv, TAG.octetString).value;
}

/** A BIT STRING's bytes; only flags (key usage) may leave bits unused, never a key or a DER value. */
export function bitStringBytes(tlv: Tlv | undefined, flags = false): Uint8Array {
  const { value } = expectTag(tlv, TAG.bitString);
  if (value.length === 0 || value[0] > (flags ? 7 : 0)) throw new DerError('bad bit string');
  return value.subarray(1);
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

// A block starts at the beginning of a line, as OpenSSL's PEM reader wants it.
const PEM_BLOCK = /(?:^|\n)-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** The PEM blocks of a text, in order; a block whose body is not base64 (or has headers) is skipped. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const body = m[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) continue;
    blocks.push({ label: m[1], der: fromBase64(body) });
  }
  return blocks;
}
