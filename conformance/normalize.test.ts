import { describe, expect, it } from 'vitest';
import { comparable, normalizeExchange, structureOf } from './normalize.ts';
import type { Exchange } from './http.ts';

const A = '6f1c1f7e-5a43-4c1e-8f2e-0d6a3b1c2d3e';
const B = '0a2b3c4d-1111-4222-8333-944455566677';
const exchange = (status: number, body: unknown): Exchange => ({ request: { method: 'GET', url: 'http://x/', headers: {} }, status, headers: {}, body, text: JSON.stringify(body) });

describe('normalising responses', () => {
  it('numbers ids in order of appearance, hides timestamps, offsets and the run suffix, and sorts list pages', () => {
    const ids = new Map<string, string>();
    const first = normalizeExchange(exchange(201, { id: A, name: 'svc-ab12cd34', created_at: 1700000000, service: { id: B } }), ids, 'ab12cd34');
    expect(first).toEqual({ status: 201, body: { id: '<id1>', name: 'svc-<run>', created_at: '<timestamp>', service: { id: '<id2>' } } });
    const page = normalizeExchange(exchange(200, { data: [{ id: B }, { id: A }], offset: 'abc', next: `/services?offset=abc&size=1` }), ids, 'ab12cd34');
    expect(page).toEqual({ status: 200, body: { data: [{ id: '<id1>' }, { id: '<id2>' }], offset: '<offset>', next: '/services?offset=<offset>&size=1' } });
    expect(normalizeExchange(exchange(204, undefined), ids)).toEqual({ status: 204 });
  });

  it('reduces a response to its structure or its status on request', () => {
    expect(structureOf({ data: [{ a: 1, b: 'x', c: null, d: true }], next: null })).toEqual({ data: [{ a: '<number>', b: '<string>', c: null, d: '<boolean>' }], next: null });
    expect(comparable({ status: 200, body: { a: 1 } }, 'shape')).toEqual({ status: 200, body: { a: '<number>' } });
    expect(comparable({ status: 200, body: { a: 1 } }, 'status')).toEqual({ status: 200 });
    expect(comparable({ status: 200, body: { a: 1 } })).toEqual({ status: 200, body: { a: 1 } });
  });
});
