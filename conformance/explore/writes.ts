/**
 * The writes of a generated sequence: creates (at the top level or under a parent, as JSON or a
 * form), PATCH updates and PUT upserts (of what exists, and of an id or name nothing has yet), and
 * deletes. The model follows the reference's answers: what it created, renamed or deleted.
 */
import type { EntityPlan } from './entities.ts';
import { requiredValueFor, validBody } from './entities.ts';
import type { Model } from './model.ts';
import type { Pair } from './pair.ts';
import { canAddressPick, collectionPath, entityPath, type Address } from './paths.ts';
import { formFields, type Body } from './values.ts';
import type { CommandContext, ExploreCommand } from './commands.ts';

export interface BodyChoice {
  name: number;
  optional: Body;
  /** Index of a near-valid mutation, or null for a valid body. */
  mutation: number | null;
  /** Sent as a form rather than JSON (when a form can say it). */
  form: boolean;
}

/** The body of a write, as JSON or as form fields. */
function encoded(json: Body, form: boolean): { json?: Body; form?: Array<[string, string]> } {
  const fields = form ? formFields(json) : undefined;
  return fields ? { form: fields } : { json };
}

function bodyOf(plan: EntityPlan, choice: BodyChoice, ctx: CommandContext): Body {
  const token = `${plan.short}${choice.name}-${ctx.runTag}`;
  const body = validBody(plan, token, choice.optional, (field) => requiredValueFor(plan, field, token, choice.name));
  return choice.mutation === null ? body : plan.mutations[choice.mutation % plan.mutations.length].apply(body);
}

const describeBody = (plan: EntityPlan, c: BodyChoice): string => `${c.mutation === null ? `valid#${c.name}` : plan.mutations[c.mutation % plan.mutations.length].label}${c.form ? ', form' : ''}`;

/** Records what a write did according to the reference, and pairs the ids of a new entity. */
function remember(model: Model, plan: EntityPlan, pair: Pair, ref: { status: number; body: unknown }, target: { body: unknown }, record: { saves?: number }, parent?: number): void {
  if (ref.status !== 200 && ref.status !== 201) return;
  const body = ref.body as Body;
  const id = body?.id;
  if (typeof id !== 'string') return;
  const key = plan.keyField && typeof body[plan.keyField] === 'string' ? (body[plan.keyField] as string) : undefined;
  const existing = model.known.find((k) => pair.refIds.get(k.slot) === id);
  if (existing) {
    existing.key = key;
    if (parent !== undefined || !plan.parent?.required) existing.parent = parent ?? existing.parent;
    return;
  }
  const slot = model.newSlot();
  pair.bind(slot, id, String((target.body as Body)?.id));
  record.saves = slot;
  model.add({ slot, entity: plan.name, key, parent });
}

export class Create implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly choice: BodyChoice, readonly parentPick: number | null, readonly ctx: CommandContext) {}
  private parentSlot(m: Readonly<Model>) {
    if (!this.plan.parent || (this.parentPick === null && !this.plan.parent.required)) return undefined;
    return (m as Model).pick(this.plan.parent.entity, this.parentPick ?? 0);
  }
  check(m: Readonly<Model>) {
    return !(this.plan.parent?.required && !this.parentSlot(m)) && (this.plan.topLevel !== undefined || this.parentSlot(m) !== undefined);
  }
  async run(m: Model, pair: Pair) {
    const parent = this.parentSlot(m);
    const title = `create ${this.plan.name} (${describeBody(this.plan, this.choice)})`;
    const req = { method: 'POST', path: collectionPath(m, this.plan, pair, parent), ...encoded(bodyOf(this.plan, this.choice, this.ctx), this.choice.form) };
    const { ref, target, record } = await pair.compare(this.plan.name, title, req);
    if (ref.status === 201) remember(m, this.plan, pair, ref, target, record, parent?.slot);
  }
  toString() {
    return `POST ${this.plan.name}${this.parentPick === null ? '' : ` under #${this.parentPick}`} ${describeBody(this.plan, this.choice)}`;
  }
}

export class Update implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly address: Address, readonly method: 'PATCH' | 'PUT', readonly choice: BodyChoice, readonly ctx: CommandContext) {}
  check(m: Readonly<Model>) {
    return canAddressPick(m, this.plan, this.pick);
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    const json = bodyOf(this.plan, this.choice, this.ctx);
    const nested = !this.plan.topLevel || (this.address.nested && known.parent !== undefined);
    if (this.method === 'PATCH' && this.choice.mutation === null) delete json[this.plan.keyField ?? ''];
    // a full replacement at the top level names the parent in the body, as a client must
    if (this.method === 'PUT' && !nested && this.plan.parent?.required && known.parent !== undefined) json[this.plan.parent.field] = { id: pair.idOf(known.parent) };
    if (this.method === 'PUT' && this.address.byKey && this.plan.keyField && known.key !== undefined && this.choice.mutation === null) json[this.plan.keyField] = known.key;
    const req = { method: this.method, path: entityPath(m, this.plan, known, pair, this.address), ...encoded(json, this.choice.form) };
    const { ref, target, record } = await pair.compare(this.plan.name, `${this.method === 'PUT' ? 'upsert' : 'update'} ${this.plan.name} (${describeBody(this.plan, this.choice)})`, req);
    const parent = nested ? known.parent : this.method === 'PUT' && !this.plan.parent?.required ? undefined : known.parent;
    if (ref.status === 200) {
      known.parent = parent;
      remember(m, this.plan, pair, ref, target, record, parent);
    }
  }
  toString() {
    return `${this.method} ${this.plan.name} #${this.pick} ${JSON.stringify(this.address)} ${describeBody(this.plan, this.choice)}`;
  }
}

/** PUT to an id or a name nothing has yet: an upsert that creates. */
export class UpsertNew implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly id: string, readonly byKey: boolean, readonly choice: BodyChoice, readonly ctx: CommandContext) {}
  check() {
    return this.plan.topLevel !== undefined && !this.plan.parent?.required && (!this.byKey || this.plan.keyField !== undefined);
  }
  async run(m: Model, pair: Pair) {
    const json = bodyOf(this.plan, this.choice, this.ctx);
    const key = this.byKey ? json[this.plan.keyField!] : undefined;
    const path = `${this.plan.topLevel}/${this.byKey ? encodeURIComponent(String(key ?? `${this.plan.short}${this.choice.name}-${this.ctx.runTag}`)) : this.id}`;
    const { ref, target, record } = await pair.compare(this.plan.name, `upsert a new ${this.plan.name} by ${this.byKey ? 'key' : 'id'} (${describeBody(this.plan, this.choice)})`, { method: 'PUT', path, json });
    remember(m, this.plan, pair, ref, target, record);
  }
  toString() {
    return `PUT new ${this.plan.name} ${this.byKey ? 'by key' : this.id} ${describeBody(this.plan, this.choice)}`;
  }
}

export class Delete implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly address: Address) {}
  check(m: Readonly<Model>) {
    return canAddressPick(m, this.plan, this.pick);
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    const { ref } = await pair.compare(this.plan.name, `delete ${this.plan.name}`, { method: 'DELETE', path: entityPath(m, this.plan, known, pair, this.address) });
    if (ref.status === 204) m.remove(known.slot);
  }
  toString() {
    return `DELETE ${this.plan.name} #${this.pick} ${JSON.stringify(this.address)}`;
  }
}

