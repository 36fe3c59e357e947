/**
 * Host and IP parsing with the rules of Kong's `kong.tools.ip`: type detection, IPv4/IPv6
 * normalisation, hostname label checks and optional ports.
 */
export type HostType = 'ipv4' | 'ipv6' | 'name';

export interface ParsedHost {
  type: HostType;
  host: string;
  port?: number;
}

export type HostResult = ParsedHost | { error: string };

export function hostnameType(name: string): HostType {
  const colons = (name.match(/:/g) ?? []).length;
  if (colons > 1) return 'ipv6';
  if (/^[\d.]+$/.test(name.replace(/:/g, ''))) return 'ipv4';
  return 'name';
}

function checkPort(raw: string | undefined): number | undefined | { error: string } {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  return port > 65535 ? { error: 'invalid port number' } : port;
}

function normalizeIpv4(address: string): HostResult {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d+))?$/.exec(address);
  if (!m || (!address.includes(':') && m[5] !== undefined)) return { error: `invalid ipv4 address: ${address}` };
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return { error: `invalid ipv4 address: ${address}` };
  const port = checkPort(m[5]);
  if (typeof port === 'object') return port;
  return { type: 'ipv4', host: parts.join('.'), port };
}

export function expandIpv6(raw: string): string | undefined {
  let check = raw;
  if (check.startsWith(':')) check = '0' + check;
  if (check.endsWith(':')) check = check + '0';
  if (check.includes('::')) {
    const count = (check.match(/:/g) ?? []).length;
    check = check.replace('::', ':' + '0:'.repeat(Math.max(0, 8 - count)));
  }
  const groups = check.split(':');
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0')).join(':').toLowerCase();
}

function normalizeIpv6(address: string): HostResult {
  let check = address;
  let port: number | undefined;
  const bracket = /^\[([^\]]*)\](.*)$/.exec(address);
  if (bracket) {
    check = bracket[1];
    if (bracket[2] !== '') {
      const p = /^:(\d*)$/.exec(bracket[2]);
      if (!p || p[1] === '') return { error: 'invalid ipv6 address' };
      const checked = checkPort(p[1]);
      if (typeof checked === 'object') return checked;
      port = checked;
    }
  }
  const expanded = expandIpv6(check);
  if (!expanded) return { error: `invalid ipv6 address: ${address}` };
  return { type: 'ipv6', host: expanded, port };
}

function checkHostname(address: string): HostResult {
  let name = address;
  let port: number | undefined;
  const p = /:(\d+)$/.exec(address);
  if (p) {
    name = name.slice(0, -(p[1].length + 1));
    const checked = checkPort(p[1]);
    if (typeof checked === 'object') return checked;
    port = checked;
  }
  if (!/^[A-Za-z0-9\-._]+$/.test(name)) return { error: `invalid hostname: ${address}` };
  const labels = name.split('.');
  for (let i = 0; i < labels.length; i++) {
    if (labels[i].endsWith('-') || (labels[i] === '' && i !== labels.length - 1)) return { error: `invalid hostname: ${address}` };
  }
  return { type: 'name', host: name, port };
}

export function normalizeIp(address: string): HostResult {
  const type = hostnameType(address);
  return type === 'ipv4' ? normalizeIpv4(address) : type === 'ipv6' ? normalizeIpv6(address) : checkHostname(address);
}

/** `host[:port]`, IPv6 bracketed (and fully expanded). */
export function formatHost(parsed: ParsedHost, defaultPort?: number): string {
  const port = parsed.port ?? defaultPort;
  const host = parsed.type === 'ipv6' ? `[${parsed.host}]` : parsed.host;
  return port === undefined ? host : `${host}:${port}`;
}
