/**
 * Resolves the local `$ref`s of a parsed OpenAPI document. Every use of a target without sibling
 * keys is the same object, so the dereferenced document costs little more than the parsed one.
 */
type Obj = Record<string, any>;

/** Replaces every local `$ref` by its target; siblings of a `$ref` win over the target's keys. */
export function dereference(raw: Obj): Obj {
  const resolved = new Map<string, unknown>();
  const lookup = (pointer: string): unknown => {
    let node: any = raw;
    for (const part of pointer.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${pointer}`);
    return node;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const obj = node as Obj;
    if (typeof obj.$ref === 'string') {
      const pointer = obj.$ref;
      let target = resolved.get(pointer);
      if (target === undefined) {
        target = walk(lookup(pointer));
        resolved.set(pointer, target);
      }
      const siblings = Object.keys(obj).filter((k) => k !== '$ref');
      if (siblings.length === 0) return target;
      const merged: Obj = { ...(target as Obj) };
      for (const k of siblings) merged[k] = walk(obj[k]);
      return merged;
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(obj)) out[k] = walk(v);
    return out;
  };
  return walk(raw) as Obj;
}
