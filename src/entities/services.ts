/**
 * Services: the `url` shorthand (reference §6.1). It is parsed as LuaSocket 3.0-rc1 (the version
 * Kong ships) parses URLs, and overrides protocol, host, port and path given in the same body.
 */
import type { EntityHooks } from './hooks.ts';
import { luaToNumber } from '../admin/args.ts';

export interface ParsedUrl {
  scheme?: string;
  host?: string;
  port?: string;
  path?: string;
}

/**
 * LuaSocket's `url.parse`, in its order: the fragment, the scheme (kept as written), the authority
 * up to the next `/`, then the query and `;params` cut off the path; in the authority the user info
 * ends at the first `@`, the port is what follows the last `:` outside brackets, and a bracketed
 * host loses its brackets.
 */
export function parseUrl(text: string): ParsedUrl {
  let rest = text.replace(/#.*$/s, '');
  const out: ParsedUrl = {};
  const scheme = /^([A-Za-z0-9][A-Za-z0-9+\-.]*):/.exec(rest);
  if (scheme) {
    out.scheme = scheme[1];
    rest = rest.slice(scheme[0].length);
  }
  const authority = /^\/\/([^/]*)/.exec(rest);
  if (authority) rest = rest.slice(authority[0].length);
  rest = rest.replace(/\?.*$/s, '').replace(/;.*$/s, '');
  if (rest !== '') out.path = rest;
  if (authority) {
    let hostPort = authority[1].replace(/^[^@]*@/, '');
    const port = /:([^:\]]*)$/.exec(hostPort);
    if (port) {
      out.port = port[1];
      hostPort = hostPort.slice(0, port.index);
    }
    if (hostPort !== '') out.host = /^\[(.+)\]$/.exec(hostPort)?.[1] ?? hostPort;
  }
  return out;
}

export const serviceHooks: EntityHooks = {
  expand({ body }) {
    if (!('url' in body)) return null;
    const url = body.url;
    delete body.url;
    if (url === null) return null;
    if (typeof url !== 'string') return { url: 'expected a string' };
    const parsed = parseUrl(url);
    // Lua's tonumber: `0x50` is 80; text that is no number stays text (and fails the port's type check)
    const port = parsed.port === undefined ? undefined : (luaToNumber(parsed.port) ?? undefined);
    const protocol = parsed.scheme ?? (port === 80 ? 'http' : port === 443 ? 'https' : 'http');
    body.protocol = protocol;
    body.host = parsed.host ?? null;
    body.port = port ?? parsed.port ?? (protocol === 'https' ? 443 : 80);
    body.path = parsed.path ?? null;
    return null;
  },
};
