import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import { chunkName, luaSyntaxError } from './lua-code.ts';

describe('luaSyntaxError: LuaJIT loadstring messages', () => {
  it.each([
    // spec/03-plugins/33-serverless-functions/01-schema_spec.lua
    ['print(', `[string "print("]:1: unexpected symbol near '<eof>'`],
    ['x =', `[string "x ="]:1: unexpected symbol near '<eof>'`],
    ['print(1', `[string "print(1"]:1: ')' expected near '<eof>'`],
    ['local function', `[string "local function"]:1: '<name>' expected near '<eof>'`],
    ['local = 1', `[string "local = 1"]:1: '<name>' expected near '='`],
    ['function f(a,) end', `[string "function f(a,) end"]:1: '<name>' or '...' expected near ')'`],
    ['if x then', `[string "if x then"]:1: 'end' expected near '<eof>'`],
    ['function f() return 1 end end', `[string "function f() return 1 end end"]:1: '<eof>' expected near 'end'`],
    ['foo bar', `[string "foo bar"]:1: '=' expected near 'bar'`],
    ['for i=1 do end', `[string "for i=1 do end"]:1: ',' expected near 'do'`],
    ['x = }', `[string "x = }"]:1: unexpected symbol near '}'`],
    ['x = 1 & 2', `[string "x = 1 & 2"]:1: unexpected symbol near '&'`],
    ['x = "abc', `[string "x = "abc"]:1: unfinished string near '<eof>'`],
    ['x = "a\nb"', `[string "x = "a..."]:1: unfinished string near '"a'`],
    ['x = [[abc', `[string "x = [[abc"]:1: unfinished long string near '<eof>'`],
    ['x = 0x', `[string "x = 0x"]:1: malformed number near '0x'`],
    ['a.b:c = 1', `[string "a.b:c = 1"]:1: function arguments expected near '='`],
    ['goto continue', `[string "goto continue"]:1: undefined label 'continue'`],
  ])('%j', (code, expected) => {
    expect(luaSyntaxError(code)).toBe(expected);
  });

  it('accepts what LuaJIT loads: errors at run time, upvalues, goto, LuaJIT number suffixes', () => {
    for (const code of ['error("should never happen")', 'local x = 1 return function() x = x + 1 end', 'return "hello-world"', 'for i = 1, 3 do if i == 2 then goto continue end ::continue:: end', 'local n = 1ULL', 'kong.response.exit(200, { message = "é" })']) {
      expect(luaSyntaxError(code)).toBeNull();
    }
  });

  it('names the chunk by its first line, at most 45 bytes, as lj_debug_shortname does', () => {
    expect(chunkName('return 1')).toBe('[string "return 1"]');
    expect(chunkName('local a = 1\nreturn a')).toBe('[string "local a = 1..."]');
    const long = `local x = "${'a'.repeat(60)}"`;
    expect(chunkName(long)).toBe(`[string "${long.slice(0, 45)}..."]`);
    expect(chunkName('x'.repeat(48))).toBe(`[string "${'x'.repeat(48)}"]`);
    expect(chunkName('x'.repeat(49))).toBe(`[string "${'x'.repeat(45)}..."]`);
  });
});

describe('pre-function and post-function refuse code that does not parse', () => {
  for (const plugin of ['pre-function', 'post-function']) {
    it(`${plugin}: one message per bad element, null for the good ones`, async () => {
      const res = await call(await newMock(), 'POST', '/plugins', { json: { name: plugin, config: { access: ['("hello world!"):find("world")', 'print('] } } });
      const message = `error parsing ${plugin}: [string "print("]:1: unexpected symbol near '<eof>'`;
      expect(res.body).toEqual({
        code: 2,
        name: 'schema violation',
        // Kong prints the nested error table with penlight (%q quoting)
        message: `schema violation (config.access: {\n  [2] = "error parsing ${plugin}: [string \\"print(\\"]:1: unexpected symbol near '<eof>'"\n})`,
        fields: { config: { access: [null, message] } },
      });
      const good = await call(await newMock(), 'POST', '/plugins', { json: { name: plugin, config: { access: ['local x = 1'], log: ['return'] } } });
      expect(good.status).toBe(201);
    });
  }

  it('2.8 config.functions is checked too', async () => {
    const res = await call(await newMock('2.8'), 'POST', '/plugins', { json: { name: 'pre-function', config: { functions: ['x ='] } } });
    expect(res.body.fields).toEqual({ config: { functions: [`error parsing pre-function: [string "x ="]:1: unexpected symbol near '<eof>'`] } });
  });
});
