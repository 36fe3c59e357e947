/**
 * What a generated sequence is made of: for each planned entity, arbitraries of its commands (the
 * writes in writes.ts, the reads in reads.ts) with the choices fast-check draws and shrinks — which
 * name, which optional fields, which broken rule, which entity to address and how.
 */
import fc from 'fast-check';
import type { EntityPlan } from './entities.ts';
import type { Model } from './model.ts';
import type { Pair } from './pair.ts';
import { TAG_POOL, tagValue, type Body } from './values.ts';
import { Create, Delete, Update, UpsertNew, type BodyChoice } from './writes.ts';
import { ForeignRead, List, Missing, NodeInfo, Read, ReadParent, UnservedMethod } from './reads.ts';

export type ExploreCommand = fc.AsyncCommand<Model, Pair>;

export interface CommandContext {
  runTag: string;
}

/** Names per entity: few enough that they repeat, so uniqueness conflicts and restrict deletes happen. */
const NAMES = 4;

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
