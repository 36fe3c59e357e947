/** The part of luaparse 0.3 the mock uses: a syntax check that throws on the first error. */
declare module 'luaparse' {
  export interface ParseOptions {
    luaVersion?: '5.1' | '5.2' | '5.3' | 'LuaJIT';
    encodingMode?: 'none' | 'x-user-defined' | 'pseudo-latin1';
    comments?: boolean;
    locations?: boolean;
    ranges?: boolean;
    scope?: boolean;
  }
  /** Thrown for a syntax error: `message` is `[line:column] text`. */
  export interface LuaSyntaxError extends SyntaxError {
    index: number;
    line: number;
    column: number;
  }
  export function parse(code: string, options?: ParseOptions): unknown;
  const luaparse: { parse: typeof parse };
  export default luaparse;
}
