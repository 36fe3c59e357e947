/**
 * Kong's `<name>_listeners`: each entry of a `*_listen` setting (`127.0.0.1:8001 reuseport
 * backlog=16384`) read into `{ip, port, listener, <flag>: bool…}`, as kong/conf_loader/listeners.lua
 * does at 3.9.3 and 2.8.5. Kong Manager's overview reads its address and ports from these.
 */
import { versionAtLeast, type KongVersion } from '../entities/types.ts';

export type Listener = Record<string, string | number | boolean>;

/**
 * The flags one listener may carry. A flag written as a pattern (`backlog=%d+`) is reported under
 * the value found (`"backlog=16384": true`) or, when absent, under the pattern itself (`false`).
 */
export function listenerFlags(version: KongVersion, subsystem: 'http' | 'stream'): string[] {
  const common = subsystem === 'http' ? ['ssl', 'http2', 'proxy_protocol', 'deferred', 'bind', 'reuseport', 'backlog=%d+'] : ['udp', 'ssl', 'proxy_protocol', 'bind', 'reuseport', 'backlog=%d+'];
  if (!versionAtLeast(version, '3.0')) return common;
  return [...common, 'ipv6only=on', 'ipv6only=off', 'so_keepalive=on', 'so_keepalive=off', 'so_keepalive=%w*:%w*:%d*'];
}

/** A Lua pattern of the flag lists as a RegExp source (only `%d` and `%w` occur there). */
function flagSource(flag: string): string {
  return flag.replace(/%d/g, '[0-9]').replace(/%w/g, '[A-Za-z0-9]');
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d+))?$/;
const IPV6_BRACKETED = /^\[([0-9A-Fa-f:]+)\](?::(\d+))?$/;

/** An IPv6 address written out in full (`::1` → `0000:…:0001`), as Kong's normalize_ip does; undefined when it is not one. */
function expandIpv6(address: string): string | undefined {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => g.padStart(4, '0')).join(':');
}

/** Host and port of the address left once the flags are removed; a name keeps its port as text, as Kong's match does. */
function splitAddress(address: string): { host: string; port: number | string | undefined } | undefined {
  const v4 = IPV4.exec(address);
  if (v4) return { host: v4.slice(1, 5).map(Number).join('.'), port: v4[5] === undefined ? undefined : Number(v4[5]) };
  const v6 = IPV6_BRACKETED.exec(address);
  const expanded = v6 ? expandIpv6(v6[1]) : undefined;
  if (v6 && expanded) return { host: `[${expanded}]`, port: v6[2] === undefined ? undefined : Number(v6[2]) };
  const named = /^(.+):(\d+)$/.exec(address);
  return named ? { host: named[1], port: named[2] } : undefined;
}

/** The listeners of one `*_listen` setting; `off` first means none. Entries that do not parse are skipped. */
export function parseListeners(entries: readonly string[], flags: readonly string[], version: KongVersion): Listener[] {
  if (entries.length === 0 || entries[0].trim() === 'off') return [];
  const out: Listener[] = [];
  for (const entry of entries) {
    let rest = ` ${entry} `;
    const listener: Listener = {};
    const kept: string[] = [];
    for (const flag of flags) {
      const pattern = new RegExp(`\\s(${flagSource(flag)})(?=\\s)`, 'g');
      const found = pattern.exec(rest)?.[1];
      if (found === undefined) {
        listener[flag] = false;
        continue;
      }
      rest = rest.replace(pattern, ' ');
      listener[found] = true;
      // since 3.x (nginx 1.25.1) `http2` is its own directive, no longer a flag of the listen line
      if (found !== 'http2' || !versionAtLeast(version, '3.0')) kept.push(found);
    }
    const address = splitAddress(rest.trim());
    if (!address || address.port === undefined) continue;
    listener.ip = address.host;
    listener.port = address.port;
    listener.listener = `${address.host}:${address.port}${kept.length ? ` ${kept.join(' ')}` : ''}`;
    out.push(listener);
  }
  return out;
}

/** The `*_listen` entry of a plain-HTTP server bound to host:port. */
export function listenEntry(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}
