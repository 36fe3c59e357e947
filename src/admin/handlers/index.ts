/** Hand-written endpoints, by the `x-kong-operation.handler` name the document gives them. */
import type { Handler } from '../operations.ts';
import { nodeHandlers } from './node.ts';
import { targetHandlers } from './targets.ts';
import { healthHandlers } from './health.ts';
import { schemaHandlers } from './schemas.ts';
import { tagHandlers } from './tags.ts';
import { configHandlers } from './config.ts';
import { debugHandlers } from './debug.ts';

export const specialHandlers: Record<string, Handler> = {
  ...nodeHandlers,
  ...targetHandlers,
  ...healthHandlers,
  ...schemaHandlers,
  ...tagHandlers,
  ...configHandlers,
  ...debugHandlers,
};
