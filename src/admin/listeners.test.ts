import { describe, expect, it } from 'vitest';
import { listenEntry, listenerFlags, parseListeners } from './listeners.ts';

const http39 = listenerFlags('3.9', 'http');
const http28 = listenerFlags('2.8', 'http');

describe('parseListeners (kong/conf_loader/listeners.lua)', () => {
  it('reads the default admin_listen of 3.9.3 as spec/01-unit/03-conf_loader_spec.lua expects', () => {
    const [plain, tls] = parseListeners(['127.0.0.1:8001 reuseport backlog=16384', '127.0.0.1:8444 http2 ssl reuseport backlog=16384'], http39, '3.9');
    expect(plain).toEqual({
      ip: '127.0.0.1', port: 8001, listener: '127.0.0.1:8001 reuseport backlog=16384',
      ssl: false, http2: false, proxy_protocol: false, deferred: false, bind: false, reuseport: true, 'backlog=16384': true,
      'ipv6only=on': false, 'ipv6only=off': false, 'so_keepalive=on': false, 'so_keepalive=off': false, 'so_keepalive=%w*:%w*:%d*': false,
    });
    expect(tls).toMatchObject({ ip: '127.0.0.1', port: 8444, ssl: true, http2: true, listener: '127.0.0.1:8444 ssl reuseport backlog=16384' });
  });

  it('keeps http2 in the listener line in 2.8 and has no ipv6only/so_keepalive flags there', () => {
    const [tls] = parseListeners(['0.0.0.0:8443 http2 ssl reuseport backlog=16384'], http28, '2.8');
    expect(tls.listener).toBe('0.0.0.0:8443 ssl http2 reuseport backlog=16384');
    expect(Object.keys(tls)).not.toContain('ipv6only=on');
  });

  it('writes IPv6 addresses out in full and keeps the port of a name as text', () => {
    const [v6] = parseListeners(['[::1]:8444 ssl'], http39, '3.9');
    expect(v6).toMatchObject({ ip: '[0000:0000:0000:0000:0000:0000:0000:0001]', port: 8444, listener: '[0000:0000:0000:0000:0000:0000:0000:0001]:8444 ssl' });
    const [named] = parseListeners(['localhost:8001'], http39, '3.9');
    expect(named).toMatchObject({ ip: 'localhost', port: '8001', listener: 'localhost:8001' });
  });

  it('has no listener for off', () => {
    expect(parseListeners(['off'], http39, '3.9')).toEqual([]);
  });

  it('brackets an IPv6 host of a server address', () => {
    expect(listenEntry('::1', 8001)).toBe('[::1]:8001');
    expect(listenEntry('0.0.0.0', 8001)).toBe('0.0.0.0:8001');
  });
});
