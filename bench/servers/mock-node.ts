/**
 * The mock behind its own node:http adapter (`listen`), preloaded from BENCH_* sizes.
 */
import { createMock } from '../../src/admin/mock.ts';
import { listen } from '../../src/http/node.ts';
import { memory, report, sizes } from './child.ts';
import { preload } from './preload.ts';

const mock = await createMock();
const memBefore = memory();
const loaded = await preload(mock, sizes(), process.env.BENCH_PRELOAD === 'store' ? 'store' : 'api');
const memAfter = memory();
const server = await listen(mock, { port: 0, host: '127.0.0.1' });
report({ port: server.port, preloadMs: loaded.ms, servicesMs: loaded.servicesMs, memServices: loaded.memServices, memBefore, memAfter, ids: loaded.ids, names: loaded.names });
