/**
 * Helpers for tests that drive a mock instance in-process, without a socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { KongVersion } from './entities/types.ts';
import { createMock, type KongMock } from './admin/mock.ts';
import type { AdminResponse } from './admin/types.ts';

export interface CallOptions {
  json?: unknown;
  form?: Record<string, string | string[]> | Array<[string, string]>;
  raw?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty. */
  body: any;
  text: string;
}

export async function newMock(version: KongVersion = '3.9', clock?: () => number): Promise<KongMock> {
  return createMock({ version, clock });
}

export function formBody(form: NonNullable<CallOptions['form']>): string {
  const pairs: Array<[string, string]> = Array.isArray(form)
    ? form
    : Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
  return new URLSearchParams(pairs).toString();
}

export async function call(mock: KongMock, method: string, url: string, options: CallOptions = {}): Promise<CallResult> {
  const [path, query = ''] = url.split('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.form !== undefined) {
    body = formBody(options.form);
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (options.raw !== undefined) {
    body = options.raw;
  }
  const response: AdminResponse = await mock.handle({
    method,
    path,
    query,
    headers,
    body: body === undefined ? null : new TextEncoder().encode(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: response.body === '' ? undefined : JSON.parse(response.body),
    text: response.body,
  };
}

/** Kong 3.9's default upstream `healthchecks` object (reference §6.4), the oracle of several tests. */
export const KONG_HEALTHCHECKS_DEFAULT = {
  active: {
    type: 'http', timeout: 1, concurrency: 10, http_path: '/', https_sni: null, https_verify_certificate: true, headers: null,
    healthy: { interval: 0, http_statuses: [200, 302], successes: 0 },
    unhealthy: { interval: 0, http_statuses: [429, 404, 500, 501, 502, 503, 504, 505], tcp_failures: 0, timeouts: 0, http_failures: 0 },
  },
  passive: {
    type: 'http',
    healthy: { http_statuses: [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308], successes: 0 },
    unhealthy: { http_statuses: [429, 500, 503], tcp_failures: 0, timeouts: 0, http_failures: 0 },
  },
  threshold: 0,
};

/** A fresh directory under the OS temp dir, removed when the current test finishes. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
