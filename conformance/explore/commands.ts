/**
 * The requests a generated sequence is made of, as fast-check commands over the model: creates,
 * reads, updates, upserts and deletes (by id or endpoint key, at the top level or under a parent),
 * list pages with tag filters, reads of a foreign key, and requests for what does not exist.
 * Each runs on both servers; the model follows the reference's answers.
 */
import fc from 'fast-check';
import type { EntityPlan } from './entities.ts';
import { requiredValueFor, validBody } from './entities.ts';
import type { Model } from './model.ts';
import type { Pair } from './pair.ts';
import { canAddress, collectionPath, entityPath, type Address } from './paths.ts';
import { DANGLING_ID, TAG_POOL, formFields, tagValue, type Body } from './values.ts';
import { listAll } from './lists.ts';

export type ExploreCommand = fc.AsyncCommand<Model, Pair>;

export interface CommandContext {
  runTag: string;
}

const NAMES = 4;

interface BodyChoice {
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

async function compareOne(pair: Pair, entity: string, title: string, req: Parameters<Pair['send']>[1]) {
  pair.commandsRun++;
  const { ref, target, record } = await pair.send(title, req);
  const views = pair.normalized(ref, target);
  pair.expectSame(entity, title, req, views.ref, views.target);
  return { ref, target, record };
}

class Create implements ExploreCommand {
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
    const { ref, target, record } = await compareOne(pair, this.plan.name, title, req);
    if (ref.status === 201) remember(m, this.plan, pair, ref, target, record, parent?.slot);
  }
  toString() {
    return `POST ${this.plan.name}${this.parentPick === null ? '' : ` under #${this.parentPick}`} ${describeBody(this.plan, this.choice)}`;
  }
}

class Read implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly address: Address) {}
  check(m: Readonly<Model>) {
    const known = (m as Model).pick(this.plan.name, this.pick);
    return known !== undefined && canAddress(this.plan, known);
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    await compareOne(pair, this.plan.name, `read ${this.plan.name}`, { method: 'GET', path: entityPath(m, this.plan, known, pair, this.address) });
  }
  toString() {
    return `GET ${this.plan.name} #${this.pick} ${JSON.stringify(this.address)}`;
  }
}

class Update implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly address: Address, readonly method: 'PATCH' | 'PUT', readonly choice: BodyChoice, readonly ctx: CommandContext) {}
  check(m: Readonly<Model>) {
    const known = (m as Model).pick(this.plan.name, this.pick);
    return known !== undefined && canAddress(this.plan, known);
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
    const { ref, target, record } = await compareOne(pair, this.plan.name, `${this.method === 'PUT' ? 'upsert' : 'update'} ${this.plan.name} (${describeBody(this.plan, this.choice)})`, req);
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
class UpsertNew implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly id: string, readonly byKey: boolean, readonly choice: BodyChoice, readonly ctx: CommandContext) {}
  check() {
    return this.plan.topLevel !== undefined && !this.plan.parent?.required && (!this.byKey || this.plan.keyField !== undefined);
  }
  async run(m: Model, pair: Pair) {
    const json = bodyOf(this.plan, this.choice, this.ctx);
    const key = this.byKey ? json[this.plan.keyField!] : undefined;
    const path = `${this.plan.topLevel}/${this.byKey ? encodeURIComponent(String(key ?? `${this.plan.short}${this.choice.name}-${this.ctx.runTag}`)) : this.id}`;
    const { ref, target, record } = await compareOne(pair, this.plan.name, `upsert a new ${this.plan.name} by ${this.byKey ? 'key' : 'id'} (${describeBody(this.plan, this.choice)})`, { method: 'PUT', path, json });
    remember(m, this.plan, pair, ref, target, record);
  }
  toString() {
    return `PUT new ${this.plan.name} ${this.byKey ? 'by key' : this.id} ${describeBody(this.plan, this.choice)}`;
  }
}

class Delete implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly address: Address) {}
  check(m: Readonly<Model>) {
    const known = (m as Model).pick(this.plan.name, this.pick);
    return known !== undefined && canAddress(this.plan, known);
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    const { ref } = await compareOne(pair, this.plan.name, `delete ${this.plan.name}`, { method: 'DELETE', path: entityPath(m, this.plan, known, pair, this.address) });
    if (ref.status === 204) m.remove(known.slot);
  }
  toString() {
    return `DELETE ${this.plan.name} #${this.pick} ${JSON.stringify(this.address)}`;
  }
}

/** Reads, updates and deletes of an id or a name no entity has. */
class Missing implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly method: 'GET' | 'PATCH' | 'DELETE', readonly byKey: boolean, readonly ctx: CommandContext) {}
  check() {
    return this.plan.topLevel !== undefined;
  }
  async run(_m: Model, pair: Pair) {
    const ref = this.byKey && this.plan.keyField ? `${this.plan.short}missing-${this.ctx.runTag}` : DANGLING_ID;
    await compareOne(pair, this.plan.name, `${this.method} a ${this.plan.name} that does not exist`, { method: this.method, path: `${this.plan.topLevel}/${ref}`, json: this.method === 'PATCH' ? {} : undefined });
  }
  toString() {
    return `${this.method} missing ${this.plan.name} ${this.byKey ? 'by key' : 'by id'}`;
  }
}

class ForeignRead implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly field: string) {}
  check(m: Readonly<Model>) {
    return (m as Model).pick(this.plan.name, this.pick) !== undefined;
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    await compareOne(pair, this.plan.name, `read the ${this.field} of a ${this.plan.name}`, { method: 'GET', path: `${this.plan.topLevel}/${pair.idOf(known.slot)}/${this.field}` });
  }
  toString() {
    return `GET ${this.plan.name} #${this.pick}/${this.field}`;
  }
}

/** The parent of a child entity, read: what a child changes in its parent shows there (a certificate's `snis`). */
class ReadParent implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number) {}
  private parent(m: Readonly<Model>) {
    return (m as Model).bySlot((m as Model).pick(this.plan.name, this.pick)?.parent);
  }
  check(m: Readonly<Model>) {
    return this.parent(m) !== undefined;
  }
  async run(m: Model, pair: Pair) {
    const parent = this.parent(m)!;
    const parentPlan = m.plans.find((p) => p.name === parent.entity)!;
    await compareOne(pair, parentPlan.name, `read the ${parentPlan.name} of a ${this.plan.name}`, { method: 'GET', path: entityPath(m, parentPlan, parent, pair, { byKey: false, nested: false }) });
  }
  toString() {
    return `GET parent of ${this.plan.name} #${this.pick}`;
  }
}

class List implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly size: number | null, readonly tags: string | null, readonly parentPick: number | null, readonly ctx: CommandContext) {}
  private parent(m: Readonly<Model>) {
    return this.plan.parent && this.parentPick !== null ? (m as Model).pick(this.plan.parent.entity, this.parentPick) : undefined;
  }
  check(m: Readonly<Model>) {
    return this.plan.topLevel !== undefined || this.parent(m) !== undefined;
  }
  async run(m: Model, pair: Pair) {
    const query = [this.size === null ? '' : `size=${this.size}`, this.tags === null ? '' : `tags=${encodeURIComponent(this.tags)}`].filter(Boolean).join('&');
    pair.commandsRun++;
    await listAll(pair, this.plan.name, `list ${this.plan.name}`, { method: 'GET', path: collectionPath(m, this.plan, pair, this.parent(m)), query: query || undefined });
  }
  toString() {
    return `GET list ${this.plan.name} size=${this.size} tags=${this.tags}${this.parentPick === null ? '' : ` under #${this.parentPick}`}`;
  }
}

/** The node's own answers (`GET /`): what identifies a node is masked, the rest compared. */
class NodeInfo implements ExploreCommand {
  check() {
    return true;
  }
  async run(_m: Model, pair: Pair) {
    await compareOne(pair, 'node', 'read the node information', { method: 'GET', path: '/' });
  }
  toString() {
    return 'GET /';
  }
}

/** A method the document does not declare for a collection. */
class UnservedMethod implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly method: string) {}
  check() {
    return true;
  }
  async run(_m: Model, pair: Pair) {
    await compareOne(pair, this.plan.name, `${this.method} ${this.plan.topLevel}, which it does not serve`, { method: this.method, path: this.plan.topLevel!, json: this.method === 'DELETE' ? undefined : {} });
  }
  toString() {
    return `${this.method} ${this.plan.topLevel}`;
  }
}

/** Commands about the node rather than an entity. */
export function nodeCommands(): Array<fc.Arbitrary<ExploreCommand>> {
  return [fc.constant(new NodeInfo())];
}

function choiceArb(plan: EntityPlan, invalidWeight: number): fc.Arbitrary<BodyChoice> {
  return fc.record({
    name: fc.nat(NAMES - 1),
    optional: fc.record(plan.optional, { requiredKeys: [] }) as fc.Arbitrary<Body>,
    mutation: fc.oneof({ weight: 10 - invalidWeight, arbitrary: fc.constant(null) }, { weight: invalidWeight, arbitrary: fc.nat(plan.mutations.length - 1) }),
    form: fc.boolean(),
  });
}

const address = fc.record({ byKey: fc.boolean(), nested: fc.boolean() });
const pick = fc.nat(7);

/** Every command arbitrary for one entity. */
export function commandsFor(plan: EntityPlan, ctx: CommandContext): Array<fc.Arbitrary<ExploreCommand>> {
  const tagFilter = fc.oneof(
    fc.constant(null),
    fc.constantFrom(...TAG_POOL).map((t) => tagValue(t, ctx.runTag)),
    fc.constantFrom(',', '/').map((sep) => `${tagValue(TAG_POOL[0], ctx.runTag)}${sep}${tagValue(TAG_POOL[1], ctx.runTag)}`),
  );
  const parentPick = plan.parent?.required ? pick : fc.option(pick, { nil: null });
  const arbs: Array<fc.Arbitrary<ExploreCommand>> = [
    fc.tuple(choiceArb(plan, 3), parentPick).map(([c, p]) => new Create(plan, c, p, ctx)),
    fc.tuple(choiceArb(plan, 3), parentPick).map(([c, p]) => new Create(plan, c, p, ctx)),
    fc.tuple(pick, address).map(([p, a]) => new Read(plan, p, a)),
    fc.tuple(pick, address, fc.constantFrom<'PATCH' | 'PUT'>('PATCH', 'PUT'), choiceArb(plan, 4)).map(([p, a, method, c]) => new Update(plan, p, a, method, c, ctx)),
    fc.tuple(pick, address).map(([p, a]) => new Delete(plan, p, a)),
    fc.tuple(fc.option(fc.constantFrom(1, 2, 3, 0, 1001), { nil: null }), tagFilter, fc.option(pick, { nil: null })).map(([s, t, p]) => new List(plan, s, t, p, ctx)),
  ];
  if (plan.topLevel) {
    arbs.push(fc.tuple(fc.uuid({ version: 4 }), fc.boolean(), choiceArb(plan, 2)).map(([id, byKey, c]) => new UpsertNew(plan, id, byKey, c, ctx)));
    arbs.push(fc.tuple(fc.constantFrom<'GET' | 'PATCH' | 'DELETE'>('GET', 'PATCH', 'DELETE'), fc.boolean()).map(([method, byKey]) => new Missing(plan, method, byKey, ctx)));
  }
  if (plan.topLevel && plan.unserved.length > 0) arbs.push(fc.constantFrom(...plan.unserved).map((method) => new UnservedMethod(plan, method)));
  if (plan.parent) arbs.push(pick.map((p) => new ReadParent(plan, p)));
  for (const field of plan.foreignReads) arbs.push(pick.map((p) => new ForeignRead(plan, p, field)));
  return arbs;
}
