/**
 * Kong's schema `transformations` with `input` and `needs` (kong/db/schema/init.lua,
 * run_transformation_checks and run_transformations), declared in the document as
 * `x-kong-entity.transformations`.
 *
 * The check runs on every write, after the entity checks, and reads the body as sent (Kong's
 * `original_input`; the validate endpoint has none and reads the processed entity). It applies
 * when an input field was sent non-empty, or, on an update, when a needed field of the body
 * differs from the stored row (absent counts as different): then the input and needed fields must
 * be all set or none (`all or none of these fields must be set: …`), in the body when a needed
 * field changed, else in the merged entity. That is why `PATCH /basic-auths/{u}` with only a
 * password, or only another consumer, is refused (the password hash depends on the consumer id),
 * while the nested PATCH, whose body carries the parent's id, passes.
 *
 * The rewrite (`on-write`) runs after validation when every input field was sent non-empty and
 * every needed field of the merged entity is non-empty; it gets their merged values.
 */
import type { Transformation } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import { transformations as onWrite } from '../entities/credentials.ts';
import { getPath, nonEmpty, quoted } from './schema-walk.ts';


/** All or none of `names` non-empty in `entity`; the message when not. */
function mutuallyRequired(entity: Record<string, unknown>, names: string[]): string | null {
  const set = names.filter((n) => nonEmpty(getPath(entity, n))).length;
  return set === 0 || set === names.length ? null : `all or none of these fields must be set: ${quoted(names)}`;
}

/**
 * The `@entity` messages of the transformation checks. `merged` is the entity validated, `sent`
 * the body as sent (undefined for the validate endpoint), `stored` the row an update reads first.
 */
export function transformationErrors(list: Transformation[], merged: Record<string, unknown>, sent: Record<string, unknown> | undefined, stored?: Row): string[] {
  const errors: string[] = [];
  const original = sent ?? merged;
  for (const t of list) {
    const noneSet = !t.input.some((n) => nonEmpty(getPath(original, n)));
    // a reference compare, as Lua's ~= (tables are never equal)
    const needsChanged = stored !== undefined && t.needs.some((n) => getPath(original, n) !== getPath(stored, n));
    if (!needsChanged && noneSet) continue;
    const error = mutuallyRequired(needsChanged ? original : merged, [...t.input, ...t.needs]) ?? mutuallyRequired(original, t.input);
    if (error) errors.push(error);
  }
  return errors;
}

/** Applies the on-write rewrites to the row about to be stored. */
export function applyTransformations(list: Transformation[], row: Row, sent: Record<string, unknown>): void {
  for (const t of list) {
    if (!t['on-write']) continue;
    const fn = onWrite[t['on-write']];
    if (!fn) throw new Error(`unknown on-write transformation ${t['on-write']}`);
    if (!t.input.every((n) => nonEmpty(getPath(sent, n)))) continue;
    if (!t.needs.every((n) => nonEmpty(getPath(row, n)))) continue;
    Object.assign(row, fn(...t.input.map((n) => getPath(row, n)), ...t.needs.map((n) => getPath(row, n))));
  }
}
