/**
 * Checks response bodies against the OpenAPI document: the schema the document declares for the
 * step's operation and status, with entity schemas made strict (every field present, no others)
 * for the Kong version under test.
 */
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { forVersion, readDocument, type JsonSchema } from '../src/spec/index.ts';

type Obj = Record<string, any>;

// Both packages are CommonJS with a default export.
type AjvClass = typeof Ajv2020Module.default;
type AddFormats = typeof addFormatsModule.default;
const Ajv2020: AjvClass = (Ajv2020Module as unknown as { default?: AjvClass }).default ?? (Ajv2020Module as unknown as AjvClass);
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

function strict(schema: unknown, version: string, seen = new Map<unknown, unknown>()): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (seen.has(schema)) return seen.get(schema);
  if (Array.isArray(schema)) return schema.map((s) => strict(s, version, seen));
  let node = schema as Obj;
  if (node['x-kong-entity'] || node['x-kong-entity-view']) {
    const filtered = forVersion(node as JsonSchema, version) as Obj;
    const props = Object.entries(filtered.properties ?? {}).filter(([, f]) => !(f as Obj).writeOnly && !(f as Obj)['x-kong-shorthand']);
    // Fields of one router flavor (routes' expression, priority) are allowed but not required.
    const required = props.filter(([, f]) => !(f as Obj)['x-kong-router-flavor']).map(([n]) => n);
    node = { ...filtered, properties: Object.fromEntries(props), required, additionalProperties: false };
  }
  const out: Obj = {};
  seen.set(schema, out);
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'default' || k === 'enum' ? v : strict(v, version, seen);
  return out;
}

export class ShapeChecker {
  private readonly ops = new Map<string, Obj>();
  /** Validators by strict schema: operations answering with the same schema share one. */
  private readonly cache = new Map<unknown, ValidateFunction>();
  /** Strict copies by original schema node, shared by every operation. */
  private readonly strictCopies = new Map<unknown, unknown>();
  private readonly ajv: InstanceType<AjvClass>;

  constructor(private readonly version: string, documentPath?: string) {
    const doc = readDocument(documentPath);
    for (const item of Object.values(doc.paths as Obj)) for (const m of METHODS) if ((item as Obj)[m]) this.ops.set((item as Obj)[m].operationId, (item as Obj)[m]);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
  }

  hasOperation(operationId: string): boolean {
    return this.ops.has(operationId);
  }

  operationIds(): string[] {
    return [...this.ops.keys()];
  }

  /** Problems with the body for this operation and status; [] when it conforms. */
  check(operationId: string, status: number, body: unknown): string[] {
    const op = this.ops.get(operationId);
    if (!op) return [`operation '${operationId}' is not in the document`];
    const response = op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`] ?? op.responses?.default;
    if (!response) return [`status ${status} is not declared for ${operationId}`];
    const media = response.content?.['application/json'];
    if (!media?.schema) return body === undefined ? [] : [`status ${status} of ${operationId} has no JSON body schema in the document`];
    if (body === undefined) return [`status ${status} of ${operationId} should have a JSON body`];
    const schema = strict(media.schema, this.version, this.strictCopies);
    let validate = this.cache.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema as Obj);
      this.cache.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '$'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`);
  }
}
