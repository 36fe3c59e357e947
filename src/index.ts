/**
 * The package's main entry point (`kong-admin-mock`): create a fake Kong and call it, or hand it to
 * an adapter (`kong-admin-mock/msw`, `kong-admin-mock/node`).
 */
export { createMock, KongMock, type MockOptions } from './admin/mock.ts';
export type { AdminHandler, AdminRequest, AdminResponse } from './admin/types.ts';
export type { KongVersion } from './entities/types.ts';
export type { RouterFlavor } from './spec/index.ts';
export type * from './entity-types.ts';
