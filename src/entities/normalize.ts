/**
 * Normalisations Kong applies before validation: target strings (reference §6.5) and router paths.
 */
import { formatHost, normalizeIp } from './hosts.ts';

export const DEFAULT_TARGET_PORT = 8000;

export function normalizeTarget(target: string): { target: string } | { error: string } {
  const parsed = normalizeIp(target);
  if ('error' in parsed) return { error: 'Invalid target; not a valid hostname or ip address' };
  return { target: formatHost(parsed, DEFAULT_TARGET_PORT) };
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Kong's router path normalisation: %XX of unreserved characters decoded, other %XX upper-cased,
 * `.` and `..` segments removed.
 */
export function normalizeRouterPath(path: string): string {
  const decoded = path.replace(/%([0-9a-fA-F]{2})/g, (whole, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
  const out: string[] = [];
  const segments = decoded.split('/');
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg === '.') {
      if (i === segments.length - 1) out.push('');
      continue;
    }
    if (seg === '..') {
      if (out.length > 1) out.pop();
      if (i === segments.length - 1) out.push('');
      continue;
    }
    out.push(seg);
  }
  return out.join('/') || '/';
}
