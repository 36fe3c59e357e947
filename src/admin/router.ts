/**
 * Matches a request path against the document's path templates, as Kong's router does:
 * literal segments win over parameters, a trailing slash is tolerated, and a known path with an
 * unknown method is a 405 rather than a 404.
 */

export interface Route<Op> {
  template: string;
  /** Method (upper-case) → operation. */
  methods: Map<string, Op>;
  /** Parameter names in template order. */
  params: string[];
}

export interface Match<Op> {
  route: Route<Op>;
  /** Raw (still percent-encoded) values of the path parameters, in template order. */
  raw: string[];
  /** The request path with a trailing slash removed (used to build nested `next` links). */
  path: string;
}

interface Node<Op> {
  literals: Map<string, Node<Op>>;
  param?: Node<Op>;
  route?: Route<Op>;
}

const emptyNode = <Op>(): Node<Op> => ({ literals: new Map() });

export class Router<Op> {
  private readonly root: Node<Op> = emptyNode();
  private readonly routes: Route<Op>[] = [];

  add(method: string, template: string, op: Op): void {
    let node = this.root;
    const params: string[] = [];
    for (const segment of splitPath(template)) {
      const param = /^\{(.+)\}$/.exec(segment);
      if (param) {
        params.push(param[1]);
        node = node.param ??= emptyNode();
      } else {
        let next = node.literals.get(segment);
        if (!next) node.literals.set(segment, (next = emptyNode()));
        node = next;
      }
    }
    if (!node.route) {
      node.route = { template, methods: new Map(), params };
      this.routes.push(node.route);
    }
    node.route.methods.set(method.toUpperCase(), op);
  }

  match(path: string): Match<Op> | undefined {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const segments = splitPath(trimmed);
    const raw: string[] = [];
    const route = walk(this.root, segments, 0, raw);
    return route ? { route, raw, path: trimmed || '/' } : undefined;
  }

  all(): readonly Route<Op>[] {
    return this.routes;
  }
}

function walk<Op>(node: Node<Op>, segments: string[], i: number, raw: string[]): Route<Op> | undefined {
  if (i === segments.length) return node.route;
  const literal = node.literals.get(segments[i]);
  if (literal) {
    const found = walk(literal, segments, i + 1, raw);
    if (found) return found;
  }
  if (node.param && segments[i] !== '') {
    raw.push(segments[i]);
    const found = walk(node.param, segments, i + 1, raw);
    if (found) return found;
    raw.pop();
  }
  return undefined;
}

function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
}

/** Kong's Allow list: the route's methods plus HEAD (where GET exists) and OPTIONS, sorted. */
export function allowedMethods(methods: Iterable<string>): string {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  set.add('OPTIONS');
  return [...set].sort().join(', ');
}
