/**
 * The line the command line prints for each request it answers: `GET /services?size=2 200 3ms`
 * (`-` in place of the status when an injected fault dropped the connection).
 */
import type { AnsweredRequest } from '../admin/mock.ts';

export function logLine(entry: AnsweredRequest): string {
  const target = entry.query === '' ? entry.path : `${entry.path}?${entry.query}`;
  return `${entry.method} ${target} ${entry.status === 0 ? '-' : entry.status} ${Math.round(entry.duration)}ms`;
}
