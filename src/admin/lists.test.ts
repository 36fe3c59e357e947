import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

async function seed(n: number, tags: (i: number) => string[] | undefined = () => undefined): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call(mock, 'POST', '/services', { json: { name: `s${i}`, host: 'a.test', tags: tags(i) } });
    ids.push(res.body.id);
  }
  return ids.sort();
}

describe('pagination', () => {
  it('pages in id order with base64 offsets and a relative next link', async () => {
    const ids = await seed(7);
    const seen: string[] = [];
    let url: string | null = '/services?size=3';
    let pages = 0;
    while (url) {
      const res: Awaited<ReturnType<typeof call>> = await call(mock, 'GET', url);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((s: { id: string }) => s.id));
      pages += 1;
      if (res.body.next) {
        expect(res.body.next).toBe(`/services?offset=${encodeURIComponent(res.body.offset)}&size=3`);
        expect(Buffer.from(res.body.offset, 'base64').toString()).toBe(JSON.stringify([res.body.data[2].id]));
      } else {
        expect(res.body).not.toHaveProperty('offset');
      }
      url = res.body.next;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('returns data [] and next null on an empty list', async () => {
    expect((await call(mock, 'GET', '/routes')).body).toEqual({ data: [], next: null });
  });

  it('rejects bad size and offset values with Kong bodies', async () => {
    expect((await call(mock, 'GET', '/services?size=abc')).body).toEqual({ code: 9, name: 'invalid size', message: 'size must be a number' });
    expect((await call(mock, 'GET', '/services?size=0')).body).toEqual({ code: 9, name: 'invalid size', message: 'size must be an integer between 1 and 1000' });
    const bad = await call(mock, 'GET', '/services?offset=x');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 7, name: 'invalid offset', message: "'x' is not a valid offset: bad base64 encoding" });
  });

  it('ignores unknown query arguments', async () => {
    await seed(2);
    expect((await call(mock, 'GET', '/services?foo=bar')).body.data).toHaveLength(2);
  });
});

describe('tags', () => {
  it('filters with AND (,) and OR (/), keeping tags in next', async () => {
    await seed(6, (i) => (i % 2 === 0 ? ['even', 'all'] : ['odd', 'all']));
    const and = await call(mock, 'GET', '/services?tags=even,all');
    expect(and.body.data.map((s: { name: string }) => s.name).sort()).toEqual(['s0', 's2', 's4']);
    const or = await call(mock, 'GET', '/services?tags=even/odd');
    expect(or.body.data).toHaveLength(6);
    const paged = await call(mock, 'GET', '/services?tags=all&size=4');
    expect(paged.body.next).toBe(`/services?offset=${encodeURIComponent(paged.body.offset)}&tags=all&size=4`);
  });

  it('reports invalid filters as Kong does', async () => {
    expect((await call(mock, 'GET', '/services?tags=')).body).toEqual({
      code: 11, name: 'invalid options', message: 'invalid option (tags: cannot be null)', options: { tags: 'cannot be null' },
    });
    expect((await call(mock, 'GET', '/services?tags=a,b/c')).body).toEqual({
      code: 11, name: 'invalid options', message: 'invalid option (tags: invalid filter syntax)', options: { tags: 'invalid filter syntax' },
    });
  });

  it('is ignored on nested lists', async () => {
    const svc = (await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } })).body;
    await call(mock, 'POST', '/services/svc/routes', { json: { paths: ['/a'], tags: ['t'] } });
    await call(mock, 'POST', `/services/${svc.id}/routes`, { json: { paths: ['/b'] } });
    expect((await call(mock, 'GET', '/services/svc/routes?tags=t')).body.data).toHaveLength(2);
  });
});

describe('nested next links', () => {
  it('use the parent key as written in the request and carry no size', async () => {
    await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } });
    for (let i = 0; i < 3; i++) await call(mock, 'POST', '/services/svc/routes', { json: { paths: [`/p${i}`] } });
    const res = await call(mock, 'GET', '/services/svc/routes?size=2');
    expect(res.body.next).toBe(`/services/svc/routes?offset=${encodeURIComponent(res.body.offset)}`);
    const rest = await call(mock, 'GET', res.body.next);
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.next).toBeNull();
  });
});
