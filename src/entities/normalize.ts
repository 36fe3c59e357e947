/**
 * Normalisations Kong applies before validation: target strings (reference §6.5) and router paths.
 */
import { formatHost, normalizeIp } from './hosts.ts';
import { utf8Text } from '../crypto/bytes.ts';

export const DEFAULT_TARGET_PORT = 8000;

export function normalizeTarget(target: string): { target: string } | { error: string } {
  const parsed = normalizeIp(target);
  if ('error' in parsed) return { error: 'Invalid target; not a valid hostname or ip address' };
  return { target: formatHost(parsed, DEFAULT_TARGET_PORT) };
}

/** RFC 3986 reserved characters (plus `%`): their escapes stay escaped, upper-cased. */
const RESERVED = new Set("!*'();:@&=+$,/?%#[]");

function decodeEscapes(path: string): string {
  return path.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = run.slice(1).split('%').map((hex) => parseInt(hex, 16));
    let out = '';
    let pending: number[] = [];
    const flush = (): void => {
      if (pending.length) out += utf8Text(Uint8Array.from(pending));
      pending = [];
    };
    for (const b of bytes) {
      const ch = String.fromCharCode(b);
      if (b < 0x80 && RESERVED.has(ch)) {
        flush();
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      } else pending.push(b);
    }
    flush();
    return out;
  });
}

/**
 * Kong 3.x router path normalisation (`kong.tools.uri.normalize(path, true)`): escapes of
 * non-reserved characters decoded, reserved escapes upper-cased, `.`/`..` segments removed (RFC
 * 3986 §5.2.4) and repeated slashes merged.
 */
export function normalizeRouterPath(path: string): string {
  if (path === '' || path === '/') return path;
  let rest = path.includes('%') ? decodeEscapes(path) : path;
  const out: string[] = [];
  while (rest.length > 0) {
    if (rest === '/.') rest = '/';
    else if (rest === '/..') {
      rest = '/';
      out.pop();
    } else if (rest === '.' || rest === '..') rest = '';
    else if (rest.startsWith('../')) rest = rest.slice(3);
    else if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('/./')) rest = rest.slice(2);
    else if (rest.startsWith('/../')) {
      rest = rest.slice(3);
      out.pop();
    } else if (rest.startsWith('//')) rest = rest.slice(1);
    else {
      const next = rest.indexOf('/', 1);
      out.push(next === -1 ? rest : rest.slice(0, next));
      rest = next === -1 ? '' : rest.slice(next);
    }
  }
  return out.join('');
}
