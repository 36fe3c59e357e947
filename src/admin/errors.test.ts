import { describe, expect, it } from 'vitest';
import {
  cannotParseJson,
  foreignKeyViolation,
  foreignKeysUnresolved,
  invalidOffset,
  invalidOptions,
  invalidPrimaryKey,
  invalidSize,
  invalidUnique,
  luaLiteral,
  luaPretty,
  methodNotAllowed,
  notFound,
  notFoundDao,
  operationUnsupportedFor,
  primaryKeyViolation,
  referencedByOthers,
  restrictViolation,
  schemaViolation,
  tooManyArguments,
  unexpected,
  uniqueViolation,
} from './errors.ts';

const ID = '6b1a0b5c-3f0e-4c1a-9d7e-2f4b8a6c1d3e';

describe('schemaViolation', () => {
  it('one item', () => {
    expect(schemaViolation({ name: 'required field missing' })).toEqual({
      status: 400,
      body: { code: 2, name: 'schema violation', message: 'schema violation (name: required field missing)', fields: { name: 'required field missing' } },
    });
  });

  it('sorts fields and counts items', () => {
    const r = schemaViolation({ path: 'should start with: /', host: 'required field missing' });
    expect((r.body as { message: string }).message).toBe('2 schema violations (host: required field missing; path: should start with: /)');
  });

  it('puts @entity messages first, in order, then fields and sub-keys', () => {
    const tree = {
      foo: 'expected an integer',
      bar: 'length must be 5',
      baz: 'unknown field',
      external_entity: { id: 'missing primary key' },
      '@entity': ['at least one of plim or plum is needed', 'the check function errored out', 'an extra error'],
    };
    expect((schemaViolation(tree).body as { message: string }).message).toBe(
      '7 schema violations (at least one of plim or plum is needed; the check function errored out; an extra error; ' +
        'bar: length must be 5; baz: unknown field; external_entity.id: missing primary key; foo: expected an integer)',
    );
  });

  it('numbers array elements from 1 and keeps null holes in fields', () => {
    const r = schemaViolation({ protocols: [null, 'expected one of: http, https'] });
    expect(r.body).toEqual({
      code: 2,
      name: 'schema violation',
      message: 'schema violation (protocols.2: expected one of: http, https)',
      fields: { protocols: [null, 'expected one of: http, https'] },
    });
    expect(JSON.stringify(r.body)).toContain('"fields":{"protocols":[null,"expected one of: http, https"]}');
  });

  it('sorts array indices numerically', () => {
    const list = Array.from({ length: 11 }, (_, i) => (i === 1 || i === 10 ? 'bad' : null));
    expect((schemaViolation({ hosts: list }).body as { message: string }).message).toBe('2 schema violations (hosts.2: bad; hosts.11: bad)');
  });

  it('pretty-prints tables deeper than one level as Penlight does', () => {
    const tree = { config: { redis: { host: 'required field missing', port: 'expected an integer' }, key_names: [null, 'bad'] } };
    expect((schemaViolation(tree).body as { message: string }).message).toBe(
      '2 schema violations (config.key_names: {\n  [2] = "bad"\n}; config.redis: {\n  host = "required field missing",\n  port = "expected an integer"\n})',
    );
  });
});

describe('luaLiteral and luaPretty', () => {
  it('sorts keys, quotes strings, writes null and nested tables inline', () => {
    expect(luaLiteral({ service: { id: ID }, route: null, name: 'basic-auth', consumer: null })).toBe(
      `{consumer=null,name="basic-auth",route=null,service={id="${ID}"}}`,
    );
    expect(luaLiteral({ username: 'bob' })).toBe('{username="bob"}');
    expect(luaLiteral({ port: 80, on: true, list: ['a', 'b'] })).toBe('{list={"a","b"},on=true,port=80}');
  });

  it('escapes like Lua %q and uses long brackets for newlines', () => {
    expect(luaLiteral({ name: 'a"b\\c' })).toBe('{name="a\\"b\\\\c"}');
    expect(luaLiteral({ name: 'a\nb' })).toBe('{name=[[a\nb]]}');
    expect(luaLiteral({ name: 'x]]y\nz' })).toBe('{name=[=[x]]y\nz]=]}');
    expect(luaLiteral({ 'not-ident': 1, end: 2 })).toBe('{["end"]=2,["not-ident"]=1}');
  });

  it('writes nested tables over several lines', () => {
    expect(luaPretty({ a: { b: 'x' }, c: ['y', 'z'] })).toBe('{\n  a = {\n    b = "x"\n  },\n  c = {\n    "y",\n    "z"\n  }\n}');
  });
});

describe('DB error bodies', () => {
  it('unique violation', () => {
    expect(uniqueViolation({ name: 'basic-auth', route: null, service: { id: ID }, consumer: null })).toEqual({
      status: 409,
      body: {
        code: 5,
        name: 'unique constraint violation',
        message: `UNIQUE violation detected on '{consumer=null,name="basic-auth",route=null,service={id="${ID}"}}'`,
        fields: { name: 'basic-auth', route: null, service: { id: ID }, consumer: null },
      },
    });
  });

  it('primary key, foreign key and restrict violations', () => {
    expect(primaryKeyViolation(ID)).toEqual({
      status: 400,
      body: { code: 3, name: 'primary key violation', message: `primary key violation on key '{id="${ID}"}'`, fields: { id: ID } },
    });
    expect(foreignKeyViolation('service', 'services', ID)).toEqual({
      status: 400,
      body: {
        code: 4,
        name: 'foreign key violation',
        message: `the foreign key '{id="${ID}"}' does not reference an existing 'services' entity.`,
        fields: { service: { id: ID } },
      },
    });
    expect(restrictViolation('routes', 'services')).toEqual({
      status: 400,
      body: { code: 4, name: 'foreign key violation', message: "an existing 'routes' entity references this 'services' entity", fields: { '@referenced_by': 'routes' } },
    });
  });

  it('foreign keys unresolved, sorted by field', () => {
    const msg = (v: string, t: string) => `the foreign key cannot be resolved with '{name="${v}"}' for an existing '${t}' entity`;
    expect(foreignKeysUnresolved([{ field: 'service', key: 'name', message: msg('x', 'services') }])).toEqual({
      status: 400,
      body: {
        code: 13,
        name: 'foreign keys unresolved',
        message: `foreign key unresolved (service.name: ${msg('x', 'services')})`,
        fields: { service: { name: msg('x', 'services') } },
      },
    });
    const two = foreignKeysUnresolved([
      { field: 'service', key: 'name', message: msg('s', 'services') },
      { field: 'route', key: 'name', message: msg('r', 'routes') },
    ]);
    expect((two.body as { message: string }).message).toBe(`2 foreign keys unresolved (route.name: ${msg('r', 'routes')}; service.name: ${msg('s', 'services')})`);
  });

  it('not found by primary key or by endpoint key', () => {
    expect(notFoundDao('id', ID)).toEqual({
      status: 404,
      body: { code: 6, name: 'not found', message: `could not find the entity with primary key '{id="${ID}"}'`, fields: { id: ID } },
    });
    expect(notFoundDao('name', 'foo').body).toEqual({ code: 6, name: 'not found', message: `could not find the entity with '{name="foo"}'`, fields: { name: 'foo' } });
  });

  it('invalid primary key, offset, size, unique, options', () => {
    expect(invalidPrimaryKey()).toEqual({
      status: 400,
      body: { code: 1, name: 'invalid primary key', message: `invalid primary key: '{id="expected a valid UUID"}'`, fields: { id: 'expected a valid UUID' } },
    });
    expect(invalidOffset('abc', 'bad base64 encoding')).toEqual({
      status: 400,
      body: { code: 7, name: 'invalid offset', message: "'abc' is not a valid offset: bad base64 encoding" },
    });
    expect(invalidSize('size must be a number')).toEqual({ status: 400, body: { code: 9, name: 'invalid size', message: 'size must be a number' } });
    expect(invalidUnique('name', "Invalid name ('1.2.3.4'); no ip addresses allowed")).toEqual({
      status: 400,
      body: { code: 10, name: 'invalid unique name', message: "Invalid name ('1.2.3.4'); no ip addresses allowed" },
    });
    expect(invalidOptions({ tags: 'cannot be null' })).toEqual({
      status: 400,
      body: { code: 11, name: 'invalid options', message: 'invalid option (tags: cannot be null)', options: { tags: 'cannot be null' } },
    });
    expect((invalidOptions({ tags: 'a', size: 'b' }).body as { message: string }).message).toBe('2 option violations (size: b; tags: a)');
  });

  it('operation unsupported and referenced by others', () => {
    expect(operationUnsupportedFor('create', 'routes')).toEqual({
      status: 405,
      body: { code: 12, name: 'operation unsupported', message: "cannot create 'routes' entities when not using a database" },
    });
    expect((operationUnsupportedFor('update', 'routes', 'name').body as { message: string }).message).toBe(
      "cannot update 'routes' entities by 'name' when not using a database",
    );
    expect(referencedByOthers('ca certificate x is still referenced by services (id = y)')).toEqual({
      status: 400,
      body: { code: 19, name: 'referenced by others', message: 'ca certificate x is still referenced by services (id = y)' },
    });
  });
});

describe('plain message bodies', () => {
  it('have Kong texts and statuses', () => {
    expect(notFound()).toEqual({ status: 404, body: { message: 'Not found' } });
    expect(methodNotAllowed()).toEqual({ status: 405, body: { message: 'Method not allowed' } });
    expect(cannotParseJson()).toEqual({ status: 400, body: { message: 'Cannot parse JSON body' } });
    expect(tooManyArguments()).toEqual({ status: 400, body: { message: 'Too many arguments' } });
    expect(unexpected()).toEqual({ status: 500, body: { message: 'An unexpected error occurred' } });
  });
});
