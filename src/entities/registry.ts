/** Which entities have rules of their own. Entities not listed are served by the schema alone. */
import type { EntityHooks } from './hooks.ts';
import { serviceHooks } from './services.ts';
import { routeHooks } from './routes.ts';
import { consumerHooks } from './consumers.ts';
import { pluginHooks } from './plugins.ts';
import { upstreamHooks } from './upstreams.ts';
import { targetHooks } from './targets.ts';
import { certificateHooks } from './certificates.ts';
import { caCertificateHooks } from './ca-certificates.ts';
import { keyHooks } from './keys.ts';
import { filterChainHooks } from './filter-chains.ts';
import { vaultHooks } from './vaults.ts';

const hooks: Record<string, EntityHooks> = {
  services: serviceHooks,
  routes: routeHooks,
  consumers: consumerHooks,
  plugins: pluginHooks,
  upstreams: upstreamHooks,
  targets: targetHooks,
  certificates: certificateHooks,
  ca_certificates: caCertificateHooks,
  keys: keyHooks,
  filter_chains: filterChainHooks,
  vaults: vaultHooks,
};

const none: EntityHooks = {};

export function hooksFor(entity: string): EntityHooks {
  return hooks[entity] ?? none;
}
