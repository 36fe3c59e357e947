/**
 * The reads of a generated sequence: one entity by id or key (top level or nested), its foreign key,
 * a child's parent, list pages, what does not exist, methods a collection does not serve, and the
 * node's own `GET /`.
 */
import type { EntityPlan } from './entities.ts';
import type { Model } from './model.ts';
import type { Pair } from './pair.ts';
import { canAddressPick, collectionPath, entityPath, type Address } from './paths.ts';
import { DANGLING_ID } from './values.ts';
import { listAll } from './lists.ts';
import type { CommandContext, ExploreCommand } from './commands.ts';

export class Read implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly address: Address) {}
  check(m: Readonly<Model>) {
    return canAddressPick(m, this.plan, this.pick);
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    await pair.compare(this.plan.name, `read ${this.plan.name}`, { method: 'GET', path: entityPath(m, this.plan, known, pair, this.address) });
  }
  toString() {
    return `GET ${this.plan.name} #${this.pick} ${JSON.stringify(this.address)}`;
  }
}

/** Reads, updates and deletes of an id or a name no entity has. */
export class Missing implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly method: 'GET' | 'PATCH' | 'DELETE', readonly byKey: boolean, readonly ctx: CommandContext) {}
  check() {
    return this.plan.topLevel !== undefined;
  }
  async run(_m: Model, pair: Pair) {
    const ref = this.byKey && this.plan.keyField ? `${this.plan.short}missing-${this.ctx.runTag}` : DANGLING_ID;
    await pair.compare(this.plan.name, `${this.method} a ${this.plan.name} that does not exist`, { method: this.method, path: `${this.plan.topLevel}/${ref}`, json: this.method === 'PATCH' ? {} : undefined });
  }
  toString() {
    return `${this.method} missing ${this.plan.name} ${this.byKey ? 'by key' : 'by id'}`;
  }
}

export class ForeignRead implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly pick: number, readonly field: string) {}
  check(m: Readonly<Model>) {
    return (m as Model).pick(this.plan.name, this.pick) !== undefined;
  }
  async run(m: Model, pair: Pair) {
    const known = m.pick(this.plan.name, this.pick)!;
    await pair.compare(this.plan.name, `read the ${this.field} of a ${this.plan.name}`, { method: 'GET', path: `${this.plan.topLevel}/${pair.idOf(known.slot)}/${this.field}` });
  }
  toString() {
    return `GET ${this.plan.name} #${this.pick}/${this.field}`;
  }
}

/** The parent of a child entity, read: what a child changes in its parent shows there (a certificate's `snis`). */
export class ReadParent implements ExploreCommand {
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
    await pair.compare(parentPlan.name, `read the ${parentPlan.name} of a ${this.plan.name}`, { method: 'GET', path: entityPath(m, parentPlan, parent, pair, { byKey: false, nested: false }) });
  }
  toString() {
    return `GET parent of ${this.plan.name} #${this.pick}`;
  }
}

export class List implements ExploreCommand {
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
export class NodeInfo implements ExploreCommand {
  check() {
    return true;
  }
  async run(_m: Model, pair: Pair) {
    await pair.compare('node', 'read the node information', { method: 'GET', path: '/' });
  }
  toString() {
    return 'GET /';
  }
}

/** A method the document does not declare for a collection. */
export class UnservedMethod implements ExploreCommand {
  constructor(readonly plan: EntityPlan, readonly method: string) {}
  check() {
    return true;
  }
  async run(_m: Model, pair: Pair) {
    await pair.compare(this.plan.name, `${this.method} ${this.plan.topLevel}, which it does not serve`, { method: this.method, path: this.plan.topLevel!, json: this.method === 'DELETE' ? undefined : {} });
  }
  toString() {
    return `${this.method} ${this.plan.topLevel}`;
  }
}

