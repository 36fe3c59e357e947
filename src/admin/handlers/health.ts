/**
 * `GET /upstreams/{u}/health` (reference §6.7): each active target with the health its balancer
 * would report. The mock resolves no DNS: IP targets and `localhost` have addresses, any other
 * host name reports `DNS_ERROR` as an unresolvable name does in Kong.
 */
import { isIP } from '../../entities/ip.ts';
import type { Row } from '../../store/types.ts';
import { activeTargets } from '../../entities/targets.ts';
import { healthchecksEnabled } from '../../entities/upstreams.ts';
import { versionAtLeast } from '../../entities/types.ts';
import type { Ctx, Instance } from '../context.ts';
import { entityOf } from '../context.ts';
import type { Handler } from '../operations.ts';
import { ok } from '../result.ts';
import { renderRow } from '../render.ts';
import { numericPage, upstreamOf } from './targets.ts';

type Health = 'HEALTHY' | 'UNHEALTHY' | 'HEALTHCHECKS_OFF' | 'DNS_ERROR';

interface AddressStatus {
  ip: string;
  port: number;
  weight: number;
  health: Health;
}

interface TargetStatus {
  host: string;
  port: number;
  dns: string;
  nodeWeight: number;
  weight: { total: number; unavailable: number; available: number };
  addresses: AddressStatus[];
}

function splitTarget(target: string): { host: string; port: number } {
  const bracket = /^\[(.*)\]:(\d+)$/.exec(target);
  if (bracket) return { host: bracket[1], port: Number(bracket[2]) };
  const i = target.lastIndexOf(':');
  return { host: target.slice(0, i), port: Number(target.slice(i + 1)) };
}

function targetStatus(inst: Instance, upstream: Row, target: Row): TargetStatus {
  const { host, port } = splitTarget(String(target.target));
  const weight = Number(target.weight);
  const checking = healthchecksEnabled(upstream) && weight > 0;
  const ip = isIP(host) ? host : host === 'localhost' ? '127.0.0.1' : undefined;
  const dns = ip === undefined ? 'dns server error: 3 name error' : isIP(host) === 6 ? 'AAAA' : 'A';
  const addresses: AddressStatus[] = [];
  if (ip !== undefined) {
    const address = `${isIP(ip) === 6 ? `[${ip}]` : ip}:${port}`;
    const mark = inst.health.get(target.id, address);
    addresses.push({ ip, port, weight, health: checking ? (mark ?? 'HEALTHY') : 'HEALTHCHECKS_OFF' });
  }
  const unavailable = addresses.filter((a) => a.health === 'UNHEALTHY').reduce((sum, a) => sum + a.weight, 0);
  const total = addresses.reduce((sum, a) => sum + a.weight, 0);
  return { host, port, dns, nodeWeight: weight, weight: { total, unavailable, available: total - unavailable }, addresses };
}

function overall(status: TargetStatus): Health {
  if (status.addresses.length === 0) return 'DNS_ERROR';
  if (status.addresses.some((a) => a.health === 'HEALTHY')) return 'HEALTHY';
  if (status.addresses.some((a) => a.health === 'UNHEALTHY')) return 'UNHEALTHY';
  return 'HEALTHCHECKS_OFF';
}

function balancerHealth(ctx: Ctx, upstream: Row, targets: Row[]): Record<string, unknown> {
  const hosts = targets.map((t) => targetStatus(ctx.inst, upstream, t));
  const total = hosts.reduce((sum, h) => sum + h.weight.total, 0);
  const unavailable = hosts.reduce((sum, h) => sum + h.weight.unavailable, 0);
  const threshold = Number((upstream.healthchecks as { threshold?: number } | null)?.threshold ?? 0);
  const healthy = total > 0 ? ((total - unavailable) * 100) / total >= threshold : true;
  const balancer = healthy ? 'HEALTHY' : 'UNHEALTHY';
  const data: Record<string, unknown> = { health: healthchecksEnabled(upstream) ? balancer : 'HEALTHCHECKS_OFF' };
  if (versionAtLeast(ctx.inst.version, '3.3')) data.balancer_health = balancer;
  data.id = upstream.id;
  data.details = { healthy, weight: { total, unavailable, available: total - unavailable }, hosts };
  return data;
}

const upstreamHealth: Handler = (ctx) => {
  const upstream = upstreamOf(ctx);
  if (upstream.error) return upstream.error;
  const targets = activeTargets(ctx.inst, upstream.value.id);
  if (String(ctx.query.text('balancer_health')) === '1') {
    return ok({ data: balancerHealth(ctx, upstream.value, targets), next: null, node_id: ctx.inst.nodeId });
  }
  const entity = entityOf(ctx.inst, 'targets');
  const items = targets.map((t) => {
    const status = targetStatus(ctx.inst, upstream.value, t);
    return { ...renderRow(ctx.inst, entity, t), health: overall(status), data: status };
  });
  const page = numericPage(ctx, items, `/upstreams/${ctx.match.raw[0]}/health`);
  if (page.error) return page.error;
  return ok({ ...page.value, node_id: ctx.inst.nodeId });
};

export const healthHandlers: Record<string, Handler> = { 'upstream-health': upstreamHealth };
