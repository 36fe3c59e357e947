/**
 * Bytes and their text forms without Node's Buffer, so the core runs unchanged in a browser:
 * UTF-8 through TextEncoder/TextDecoder, base64 through atob/btoa (both global in Node 20 too).
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);

/** UTF-8 decoding; invalid sequences become U+FFFD, as Buffer's toString('utf8') does. */
export const utf8Text = (bytes: Uint8Array): string => decoder.decode(bytes);

/** How many bytes the UTF-8 encoding of a string takes. */
export const utf8Length = (text: string): number => encoder.encode(text).length;

/** Each byte as the character of the same code (Buffer's 'latin1' / 'binary' text). */
export function latin1Text(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const toBase64 = (bytes: Uint8Array): string => btoa(latin1Text(bytes));

/**
 * Lenient base64 / base64url decoding as Buffer.from(text, 'base64') does it: characters outside
 * both alphabets are skipped, padding is optional, decoding stops at the first `=`.
 */
export function fromBase64(text: string): Uint8Array {
  const clean = text.split('=')[0].replace(/[^A-Za-z0-9+/\-_]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const whole = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
  const binary = atob(whole + '='.repeat((4 - (whole.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
