/**
 * A list read to its end on both servers, each following its own `next`. Members come in id order,
 * and ids differ between servers, so pages are compared by their size and links, and the members
 * of all pages together as a collection.
 */
import type { Pair } from './pair.ts';
import type { ExploreRequest } from './transport.ts';

/** Enough pages for every entity a sequence can create at size 1. */
const MAX_PAGES = 40;

type View = { status: number; body?: unknown };

const members = (view: View): unknown[] => {
  const data = (view.body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data : [];
};

/** A page without its members: status, links and how many members it holds. */
function pageView(view: View): View {
  const body = view.body;
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { data?: unknown }).data)) return view;
  return { status: view.status, body: { ...body, data: `${members(view).length} members` } };
}

const sorted = (items: unknown[]): unknown[] => items.map((i) => JSON.stringify(i)).sort().map((s) => JSON.parse(s) as unknown);

export async function listAll(pair: Pair, entity: string, title: string, first: ExploreRequest): Promise<void> {
  let refReq = first;
  let targetReq = pair.forTarget(first);
  const refMembers: unknown[] = [];
  const targetMembers: unknown[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const pageTitle = page === 1 ? title : `${title}, page ${page}`;
    const { ref, target, record } = await pair.send(pageTitle, refReq, targetReq);
    record.page = true;
    const views = pair.normalized(ref, target);
    pair.expectSame(entity, pageTitle, refReq, pageView(views.ref), pageView(views.target));
    refMembers.push(...members(views.ref));
    targetMembers.push(...members(views.target));
    const refNext = (ref.body as { next?: unknown } | undefined)?.next;
    const targetNext = (target.body as { next?: unknown } | undefined)?.next;
    if (ref.status !== 200 || typeof refNext !== 'string' || typeof targetNext !== 'string') break;
    record.savesNext = `page${pair.log.length}`;
    refReq = { method: 'GET', path: refNext };
    targetReq = { method: 'GET', path: targetNext };
  }
  pair.expectSame(entity, `${title} (all pages)`, first, { members: sorted(refMembers) }, { members: sorted(targetMembers) });
}
