/**
 * Percent-decoding as nginx does it: `%XX` become bytes, and the bytes are read as UTF-8. Kong
 * sees the raw bytes, so a sequence that is not UTF-8 must stay detectable: each byte of an
 * invalid sequence becomes a lone low surrogate (U+DC80–U+DCFF, as Python's "surrogateescape"),
 * which the UTF-8 checks of the validators report at that byte's position.
 */
import { utf8Bytes } from '../crypto/bytes.ts';

const hexValue = (b: number): number => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1);

/** `text` with `%XX` escapes decoded (other characters are kept as they are). */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  // `%` and hex digits are ASCII, so the escapes can be decoded in place in the UTF-8 bytes
  const source = utf8Bytes(text);
  const bytes = new Uint8Array(source.length);
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const hi = source[i] === 0x25 && i + 2 < source.length ? hexValue(source[i + 1]) : -1;
    const lo = hi === -1 ? -1 : hexValue(source[i + 2]);
    if (lo === -1) {
      bytes[n++] = source[i];
    } else {
      bytes[n++] = hi * 16 + lo;
      i += 2;
    }
  }
  return decodeUtf8Escaping(bytes.subarray(0, n));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads UTF-8; bytes outside a valid sequence become U+DC80–U+DCFF. */
export function decodeUtf8Escaping(bytes: Uint8Array): string {
  // valid UTF-8 (nearly always) decodes natively; only invalid input takes the byte-by-byte path
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // fall through
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 1) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let cp = len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    // overlong forms, surrogates and values past U+10FFFF are not UTF-8
    if (ok && ((len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
    if (!ok) {
      out += String.fromCharCode(0xdc00 + b);
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}
