/**
 * Which entities the explorer drives and how, read from the spec the mock loads: the collection
 * and entity paths its operations declare, the parent it nests under (a foreign key with a nested
 * path), its endpoint key, required fields, optional fields and the ways a body can break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type fc from 'fast-check';
import { PROJECT_ROOT } from '../../src/root.ts';
import type { EntityDef, JsonSchema, Spec } from '../../src/spec/index.ts';
import { FileValue, fieldArbitrary, isNullable, isRequired, mutationsOf, nameFor, takesName, type Body, type Mutation } from './values.ts';

/**
 * What no schema says: a value a valid body needs for a rule written in code (a route needs one of
 * its matchers; a vault's `name` is one of the vaults the node has), and entities whose answers
 * cannot be compared across two servers.
 */
const VALID_EXTRAS: Record<string, Body> = {
  routes: { paths: ['/explore'] },
  vaults: { name: 'env' },
  certificates: { cert: new FileValue('fixtures/certs/rsa.crt'), key: new FileValue('fixtures/certs/rsa.key') },
  ca_certificates: { cert: new FileValue('fixtures/certs/ca.crt') },
};
const NOT_COMPARABLE: Record<string, string> = {};
/** How many plugins a generated plugin may be (the first, by name, whose config needs nothing). */
const PLUGIN_CHOICES = 6;

const hasGenerated = (schema: unknown): boolean => JSON.stringify(schema).includes('"x-kong-auto"');

/** Values a field must take from a set the spec lists elsewhere: a plugin's `name`. */
function choicesOf(def: EntityDef, spec: Spec): Record<string, unknown[]> {
  if (def.name !== 'plugins') return {};
  const ready = [...spec.plugins.values()]
    .filter((p) => p.checks.length === 0 && !hasGenerated(p.config) && Object.entries(p.config.properties ?? {}).every(([n, f]) => !isRequired(n, f)))
    .map((p) => p.name)
    .sort();
  return { name: ready.slice(0, PLUGIN_CHOICES) };
}

export interface ParentLink {
  entity: string;
  field: string;
  /** The foreign key is not nullable: the entity only exists under a parent. */
  required: boolean;
  /** The segment under the parent's entity path (`routes` in `/services/{id}/routes`). */
  nested: string;
}

export interface EntityPlan {
  name: string;
  def: EntityDef;
  /** Prefix of the names this entity gets (`s` for services). */
  short: string;
  /** `/services` when the top-level collection and entity endpoints exist. */
  topLevel?: string;
  parent?: ParentLink;
  /** The endpoint key, always sent so it can address the entity (`name`, `username`, `target`). */
  keyField?: string;
  /** Fields a valid body must carry besides the key (plain strings get a name, others a fixed value). */
  required: string[];
  extras: Body;
  /** Fields whose valid values are a list the spec holds elsewhere. */
  choices: Record<string, unknown[]>;
  optional: Record<string, fc.Arbitrary<unknown>>;
  mutations: Mutation[];
  /** Methods the top-level collection does not serve (405). */
  unserved: string[];
  /** Foreign keys with a `GET /{entity}/{id}/{field}` endpoint. */
  foreignReads: string[];
}

export interface Exclusion {
  entity: string;
  reason: string;
}

const live = (spec: Spec) => new Set(spec.operations.filter((o) => !o.kong.disabled).map((o) => `${o.method} ${o.path}`));

function shortName(name: string, taken: Set<string>): string {
  let short = name.replace(/[^a-z]/g, '').slice(0, 1);
  for (let n = 2; taken.has(short); n++) short = name.replace(/[^a-z]/g, '').slice(0, n);
  taken.add(short);
  return short;
}

/** File contents a plan sends → the file (scenarios name it instead of repeating a PEM). */
export function filesOf(plans: EntityPlan[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const plan of plans) for (const value of Object.values(plan.extras)) if (value instanceof FileValue) out.set(readFileSync(join(PROJECT_ROOT, value.path), 'utf8'), value.path);
  return out;
}

/** Fields a server may store rewritten (the string fields of Kong's on-write transformations). */
export function rewrittenFields(plans: EntityPlan[]): Set<string> {
  const out = new Set<string>();
  for (const plan of plans) {
    for (const t of plan.def.transformations.filter((t) => t['on-write'])) {
      for (const name of [...t.input, ...t.needs]) if (plan.def.fields.some(([n, f]) => n === name && typesOf(f).includes('string'))) out.add(name);
    }
  }
  return out;
}

/** The plans for every entity the explorer can drive, parents first, and why the others are left out. */
export function planEntities(spec: Spec, runTag: string, only?: string[]): { plans: EntityPlan[]; excluded: Exclusion[] } {
  const ops = live(spec);
  const plans: EntityPlan[] = [];
  const excluded: Exclusion[] = [];
  const taken = new Set<string>();
  const candidates = [...spec.entities.values()].filter((d) => !d.schemaOnly && d.generate.length > 0);
  // parents first: an entity is planned once every entity it must nest under is
  const pending = candidates.filter((d) => !only || only.includes(d.name) || only.includes(d.adminPath));
  for (let round = 0; round < 4; round++) {
    for (const def of [...pending]) {
      const outcome = planOne(def, spec, ops, plans, runTag, taken, pending);
      if (outcome === 'later' && round < 3) continue;
      pending.splice(pending.indexOf(def), 1);
      if (typeof outcome === 'string') excluded.push({ entity: def.name, reason: outcome === 'later' ? 'its parent is not explored' : outcome });
      else plans.push(outcome);
    }
  }
  return { plans, excluded };
}

function planOne(def: EntityDef, spec: Spec, ops: Set<string>, planned: EntityPlan[], runTag: string, taken: Set<string>, pending: EntityDef[]): EntityPlan | string {
  if (NOT_COMPARABLE[def.name]) return NOT_COMPARABLE[def.name];
  const admin = `/${def.adminPath}`;
  const self = `{${def.name}}`;
  const topLevel = ops.has(`POST ${admin}`) && ops.has(`GET ${admin}/${self}`) ? admin : undefined;
  let parent: ParentLink | undefined;
  for (const fk of def.foreignKeys) {
    const owner = planned.find((p) => p.name === fk.entity);
    if (!owner && pending.some((d) => d.name === fk.entity && d !== def)) return 'later';
    const field = def.fields.find(([n]) => n === fk.field)?.[1] as JsonSchema;
    const required = !isNullable(field);
    const nestedCreate = owner && ops.has(`POST /${owner.def.adminPath}/{${owner.name}}/${def.nestedPath}`);
    if (required && !nestedCreate) return owner ? `no nested create under ${fk.entity}` : 'later';
    if (nestedCreate && (!parent || required)) parent = { entity: fk.entity, field: fk.field, required, nested: def.nestedPath };
  }
  if (!topLevel && !parent?.required) return 'no collection endpoints';
  const extras = VALID_EXTRAS[def.name] ?? {};
  const choices = choicesOf(def, spec);
  const keyField = def.endpointKey && def.fields.some(([n, f]) => n === def.endpointKey && takesName(f)) ? def.endpointKey : undefined;
  const required: string[] = [];
  const optional: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, field] of def.fields) {
    if (name === keyField || name in extras || field['x-kong-foreign']) continue;
    const arbitrary = fieldArbitrary(name, field, runTag);
    if (isRequired(name, field) || field['x-kong-auto'] === 'random') {
      if (!arbitrary && !takesName(field) && !choices[name]?.length) return `no value for ${name} (${field['x-kong-validator'] ?? typesOf(field).join('|')})`;
      required.push(name);
    } else if (arbitrary && !field.readOnly && !field.writeOnly && !field['x-kong-auto']) {
      optional[name] = arbitrary;
    }
  }
  const anyOf = def.checks.find((c): c is { 'at-least-one-of': string[] } => 'at-least-one-of' in c);
  if (!keyField && anyOf && !anyOf['at-least-one-of'].some((f) => f in extras)) required.push(anyOf['at-least-one-of'][0]);
  const foreignReads = def.foreignKeys.filter((fk) => topLevel && ops.has(`GET ${admin}/${self}/${fk.field}`) && planned.some((p) => p.name === fk.entity)).map((fk) => fk.field);
  return {
    name: def.name,
    def,
    short: shortName(def.name, taken),
    topLevel,
    parent,
    keyField,
    required,
    extras,
    choices,
    optional,
    // a generated field (`x-kong-auto: random`) is always sent: left out, each server picks its own value
    mutations: mutationsOf(def.fields, [...required.filter((n) => fieldOf(def, n)['x-kong-auto'] !== 'random'), ...(keyField && !isNullable(fieldOf(def, keyField)) ? [keyField] : [])]),
    foreignReads,
    unserved: ['PUT', 'PATCH', 'DELETE'].filter((m) => !ops.has(`${m} ${admin}`)),
  };
}

const typesOf = (field: JsonSchema): string[] => (Array.isArray(field.type) ? field.type : field.type ? [field.type] : []);
const fieldOf = (def: EntityDef, name: string): JsonSchema => def.fields.find(([n]) => n === name)![1];

/** A valid body: key, required fields and extras, plus up to two optional fields chosen by the generator. */
export function validBody(plan: EntityPlan, token: string, chosen: Body, requiredValue: (name: string) => unknown): Body {
  const body: Body = {};
  if (plan.keyField) body[plan.keyField] = nameFor(fieldOf(plan.def, plan.keyField), token);
  for (const name of plan.required) body[name] = requiredValue(name);
  for (const [name, value] of Object.entries(plan.extras)) body[name] = value instanceof FileValue ? readFileSync(join(PROJECT_ROOT, value.path), 'utf8') : value;
  for (const [name, value] of Object.entries(chosen).slice(0, 2)) body[name] = value;
  return body;
}

export function requiredValueFor(plan: EntityPlan, name: string, token: string, pick: number): unknown {
  const field = fieldOf(plan.def, name);
  const choices = plan.choices[name];
  if (choices?.length) return choices[pick % choices.length];
  if (field.enum) return field.enum[pick % field.enum.length];
  if (typesOf(field).includes('integer')) return field.minimum ?? 1;
  return nameFor(field, `${name.replace(/[^a-z]/g, '')}${token}`);
}
