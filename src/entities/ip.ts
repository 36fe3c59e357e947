/**
 * node:net's isIP without Node: 4 for a dotted-quad IPv4 address, 6 for an IPv6 address (a zone
 * suffix such as `%eth0` allowed, as in Node), 0 for anything else.
 */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIpv6(text: string): boolean {
  const address = text.replace(/%[0-9A-Za-z._~-]+$/, '');
  let groups = address.split(':');
  // an embedded IPv4 address counts as two groups
  const last = groups[groups.length - 1];
  if (last.includes('.')) {
    if (!IPV4.test(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  const gap = address.indexOf('::');
  if (gap !== address.lastIndexOf('::')) return false;
  if (gap === -1) return groups.length === 8 && groups.every((g) => HEX_GROUP.test(g));
  const [head, tail] = [address.slice(0, gap), address.slice(gap + 2)];
  const parts = [...(head ? head.split(':') : []), ...(tail ? tail.split(':') : [])];
  const count = parts.length + (last.includes('.') ? 1 : 0);
  if (count > 7) return false;
  return parts.every((g) => HEX_GROUP.test(g) || (g === last && IPV4.test(g)));
}

export function isIP(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  return text.includes(':') && isIpv6(text) ? 6 : 0;
}
