/**
 * Filter chains (Kong 3.4+; a schema-only entity here). The node the mock emulates runs with wasm
 * disabled, Kong's default, where Kong's wasm status check refuses every filter chain (it runs
 * even when `filters` has errors of its own).
 */
import type { EntityHooks } from './hooks.ts';

export const WASM_DISABLED = 'wasm support is not enabled';

export const filterChainHooks: EntityHooks = {
  checks: { 'wasm-status': () => ({ '@entity': [WASM_DISABLED] }) },
};
