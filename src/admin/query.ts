/**
 * The query string as Kong's handlers read it: first value per name, all values on demand.
 */
export type QueryValue = string | true;

export class QueryArgs {
  private readonly map = new Map<string, QueryValue[]>();

  constructor(readonly pairs: Array<[string, QueryValue]>) {
    for (const [name, value] of pairs) {
      const list = this.map.get(name);
      if (list) list.push(value);
      else this.map.set(name, [value]);
    }
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  /** The first value sent for `name`. */
  first(name: string): QueryValue | undefined {
    return this.map.get(name)?.[0];
  }

  /** The first value as a string (a bare `?size` reads as ''). */
  text(name: string): string | undefined {
    const v = this.first(name);
    return v === true ? '' : v;
  }

  all(name: string): QueryValue[] {
    return this.map.get(name) ?? [];
  }

  get size(): number {
    return this.pairs.length;
  }
}
