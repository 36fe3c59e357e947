/**
 * Services: the `url` shorthand (reference §6.1). It is parsed as LuaSocket parses URLs and
 * overrides protocol, host, port and path given in the same body.
 */
import type { EntityHooks } from './hooks.ts';

export interface ParsedUrl {
  scheme?: string;
  host?: string;
  port?: string;
  path?: string;
}

/** scheme://authority/path?query#fragment, each part optional; a missing `//` means no authority. */
export function parseUrl(text: string): ParsedUrl {
  let rest = text.replace(/#.*$/s, '');
  const out: ParsedUrl = {};
  const scheme = /^([A-Za-z0-9][A-Za-z0-9+\-.]*):/.exec(rest);
  if (scheme) {
    out.scheme = scheme[1].toLowerCase();
    rest = rest.slice(scheme[0].length);
  }
  const authority = /^\/\/([^/?]*)/.exec(rest);
  if (authority) {
    rest = rest.slice(authority[0].length);
    const hostPort = authority[1].replace(/^.*@/, '');
    const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
    const plain = /^([^:]*)(?::([^:]*))?$/.exec(hostPort);
    if (bracketed) {
      out.host = bracketed[1];
      if (bracketed[2]) out.port = bracketed[2];
    } else if (plain) {
      out.host = plain[1];
      if (plain[2]) out.port = plain[2];
    } else {
      out.host = hostPort;
    }
    if (out.host === '') delete out.host;
  }
  rest = rest.replace(/\?.*$/s, '');
  if (rest !== '') out.path = rest;
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
    const port = parsed.port !== undefined && /^\d+$/.test(parsed.port) ? Number(parsed.port) : undefined;
    const protocol = parsed.scheme ?? (port === 80 ? 'http' : port === 443 ? 'https' : 'http');
    body.protocol = protocol;
    body.host = parsed.host ?? null;
    body.port = port ?? parsed.port ?? (protocol === 'https' ? 443 : 80);
    body.path = parsed.path ?? null;
    return null;
  },
};
