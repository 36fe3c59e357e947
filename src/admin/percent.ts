/**
 * Percent-decoding as nginx does it: `%XX` become bytes, and the bytes are read as UTF-8. Kong
 * sees the raw bytes, so a sequence that is not UTF-8 must stay detectable: each byte of an
 * invalid sequence becomes a lone low surrogate (U+DC80–U+DCFF, as Python's "surrogateescape"),
 * which the UTF-8 checks of the validators report at that byte's position.
 */
import { utf8Bytes } from '../crypto/bytes.ts';

const HEX = /%([0-9a-fA-F]{2})/g;

/** `text` with `%XX` escapes decoded (other characters are kept as they are). */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  let last = 0;
  for (const m of text.matchAll(HEX)) {
    for (const b of utf8Bytes(text.slice(last, m.index))) bytes.push(b);
    bytes.push(parseInt(m[1], 16));
    last = m.index + 3;
  }
  for (const b of utf8Bytes(text.slice(last))) bytes.push(b);
  return decodeUtf8Escaping(Uint8Array.from(bytes));
}

/** Reads UTF-8; bytes outside a valid sequence become U+DC80–U+DCFF. */
export function decodeUtf8Escaping(bytes: Uint8Array): string {
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
