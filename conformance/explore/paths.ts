/** The URLs of a planned entity: its collection (top level or under a parent) and one entity by id or key. */
import type { EntityPlan } from './entities.ts';
import type { Known, Model } from './model.ts';
import type { Pair } from './pair.ts';

export interface Address {
  byKey: boolean;
  /** Under the parent's path (`/consumers/{c}/key-auths/{id}`) rather than at the top level. */
  nested: boolean;
}

const planOf = (model: Model, name: string): EntityPlan => model.plans.find((p) => p.name === name)!;

/** `/services/{id}`, or `/services/{name}` when addressed by its endpoint key. */
export function entityRef(plan: EntityPlan, known: Known, pair: Pair, byKey: boolean): string {
  return byKey && plan.keyField && known.key !== undefined ? encodeURIComponent(known.key) : pair.idOf(known.slot);
}

export function collectionPath(model: Model, plan: EntityPlan, pair: Pair, parent?: Known): string {
  if (parent && plan.parent) {
    const parentPlan = planOf(model, plan.parent.entity);
    return `${parentPlan.topLevel}/${entityRef(parentPlan, parent, pair, false)}/${plan.parent.nested}`;
  }
  return plan.topLevel!;
}

/**
 * How an entity is addressed: the address asked for where it applies, else the plain one (an entity
 * without an endpoint key by id, one without a parent at the top level), so no command is wasted.
 */
function effective(plan: EntityPlan, known: Known, address: Address): Address {
  return { byKey: address.byKey && plan.keyField !== undefined && known.key !== undefined, nested: !plan.topLevel || (address.nested && known.parent !== undefined && plan.parent !== undefined) };
}

/** Whether the entity can be addressed at all (under a parent only, it needs one). */
export function canAddress(plan: EntityPlan, known: Known): boolean {
  return plan.topLevel !== undefined || known.parent !== undefined;
}

/** Whether the model holds the `pick`-th entity of the plan and a URL can address it (a command's precondition). */
export function canAddressPick(m: Readonly<Model>, plan: EntityPlan, pick: number): boolean {
  const known = (m as Model).pick(plan.name, pick);
  return known !== undefined && canAddress(plan, known);
}

export function entityPath(model: Model, plan: EntityPlan, known: Known, pair: Pair, asked: Address): string {
  const address = effective(plan, known, asked);
  const nested = address.nested;
  const base = nested ? collectionPath(model, plan, pair, model.bySlot(known.parent)) : plan.topLevel!;
  return `${base}/${entityRef(plan, known, pair, address.byKey)}`;
}
