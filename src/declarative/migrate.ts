/**
 * Kong 3.x reading a 1.1 or 2.1 configuration (`kong/db/declarative/migrations/route_path.lua`):
 * route paths that look like regexes get the `~` prefix 3.0 requires, plain paths are normalised,
 * and the format becomes 3.0. Routes at the top and routes nested in services are migrated.
 */
import { normalizeRouterPath } from '../entities/normalize.ts';
import type { DeclarativeInput } from './parse.ts';

const PLAIN = /^[a-zA-Z0-9.\-_~/%]*$/;
/** %XX triplets kept encoded (upper-cased) in a migrated regex. */
const RESERVED = new Set([0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2f, 0x3a, 0x3b, 0x3d, 0x3f, 0x40, 0x5b, 0x5d]);
/** %XX triplets decoded to an escaped regex meta character. */
const META: Record<number, string> = { 0x2e: '\\.', 0x5e: '\\^', 0x2d: '\\-', 0x7b: '\\{', 0x7d: '\\}', 0x5c: '\\\\', 0x7c: '\\|' };

function normalizeRegex(regex: string): string {
  return regex.replace(/%([0-9a-f]{2})/gi, (whole: string, hex: string) => {
    const code = parseInt(hex, 16);
    if (RESERVED.has(code)) return whole.toUpperCase();
    return META[code] ?? String.fromCharCode(code);
  });
}

export function migratePath(path: string): string {
  return PLAIN.test(path) ? normalizeRouterPath(path) : `~${normalizeRegex(path)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function migrateRoutes(routes: unknown): unknown {
  if (!Array.isArray(routes)) return routes;
  return routes.map((route) => {
    if (!isObject(route) || !Array.isArray(route.paths)) return route;
    return { ...route, paths: route.paths.map((p) => (typeof p === 'string' ? migratePath(p) : p)) };
  });
}

/** A copy of a 1.1/2.1 configuration as Kong 3.x reads it; other formats are returned as they are. */
export function migrateTo30(config: DeclarativeInput): DeclarativeInput {
  if (config._format_version !== '1.1' && config._format_version !== '2.1') return config;
  const out: DeclarativeInput = { ...config, _format_version: '3.0' };
  if ('routes' in config) out.routes = migrateRoutes(config.routes);
  if (Array.isArray(config.services)) {
    out.services = config.services.map((s) => (isObject(s) && 'routes' in s ? { ...s, routes: migrateRoutes(s.routes) } : s));
  }
  return out;
}
