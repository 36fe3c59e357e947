/**
 * What the runner keeps per server during a scenario: captures, the entities it created (deleted
 * afterwards, the most recent first, so children go before their parents) and id placeholders.
 */
import type { Scenario, Step, StepRequest } from './scenario.ts';
import { send, type Exchange, type SendOptions } from './http.ts';
import { capturesRead, extract, interpolate, type Context } from './interpolate.ts';
import type { IdMap } from './normalize.ts';

const CREATED_BY_PUT = 200;

export interface Server {
  base: string;
  ctx: Context;
  /** DELETE paths of what the scenario created, in creation order. */
  created: string[];
  /** Placeholders for the ids this server returned, for normalised comparisons. */
  ids: IdMap;
}

export function track(server: Server, req: StepRequest, ex: Exchange): void {
  const id = (ex.body as { id?: unknown } | undefined)?.id;
  const path = req.path.split('?')[0].replace(/\/+$/, '');
  if (req.method.toUpperCase() === 'POST' && ex.status === 201 && typeof id === 'string') server.created.push(`${path}/${id}`);
  if (req.method.toUpperCase() === 'PUT' && ex.status === CREATED_BY_PUT && typeof id === 'string' && !server.created.includes(path)) {
    server.created.push(/\/(healthy|unhealthy)$/.test(path) ? '' : path);
  }
}

export async function cleanup(server: Server, scenario: Scenario, options: SendOptions = {}): Promise<void> {
  for (const step of scenario.cleanup ?? []) {
    // A cleanup step that needs a value no step saved has nothing to clean.
    if ([...capturesRead(step.request)].some((name) => server.ctx.captures.get(name) === undefined)) continue;
    try {
      await send(server.base, interpolate(step.request, server.ctx), options);
    } catch {
      // cleanup is best effort
    }
  }
  for (const path of server.created.filter(Boolean).reverse()) {
    try {
      await send(server.base, { method: 'DELETE', path }, options);
    } catch {
      // the server may already have removed it (cascade)
    }
  }
}

export function save(server: Server, step: Step, ex: Exchange): void {
  for (const [name, path] of Object.entries(step.save ?? {})) {
    server.ctx.captures.set(name, extract({ body: ex.body, headers: ex.headers, status: ex.status }, path));
  }
}
