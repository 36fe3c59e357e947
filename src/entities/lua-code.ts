/**
 * pre-function and post-function compile every phase function with LuaJIT's `loadstring` and
 * refuse one that does not parse: `error parsing <plugin>: [string "<chunk>"]:<line>: <message>`
 * (kong/plugins/pre-function/_schema.lua). The mock parses with luaparse (LuaJIT grammar) and
 * rewrites its messages into LuaJIT's wording (lj_errmsg.h, lj_parse.c) for the common errors:
 *
 * | luaparse                                  | LuaJIT                                        |
 * | `<expression> expected near 'x'`          | `unexpected symbol near 'x'`                  |
 * | `')' expected near 'x'` right after `(`   | `unexpected symbol near 'x'`                  |
 * | `<name> expected near 'x'`                | `'<name>' expected near 'x'`                  |
 * | `<name> or '...' expected near 'x'`       | `'<name>' or '...' expected near 'x'`         |
 * | `unexpected keyword 'end' near …`         | `'<eof>' expected near 'end'` (else, elseif, until too) |
 * | `unexpected <kind> 'x' near …`            | `unexpected symbol near 'x'`                  |
 * | `unfinished string near '"ab'` at the end | `unfinished string near '<eof>'`              |
 * | `unfinished long string/comment (starting at line n) near …` | `unfinished long string/comment near '<eof>'` |
 * | `no visible label 'l' for <goto>`         | `undefined label 'l'`                         |
 * | `label 'l' already defined on line n`     | `duplicate label 'l'`                         |
 * | `no loop to break near …`                 | `no loop to break`                            |
 *
 * Known differences: LuaJIT adds `(to close 'if' at line n)` when a block's `end` is missing on a
 * later line than its opening; LuaJIT reads `1x` as one malformed number where luaparse reads a
 * number then a name; escape-sequence errors name the escape alone where LuaJIT names the string
 * read so far.
 */
import luaparse, { type LuaSyntaxError } from 'luaparse';
import type { Validator } from './types.ts';

/** LuaJIT's `lj_debug_shortname` for a string chunk: its first line, cut to 45 bytes with `...` when longer. */
export function chunkName(code: string): string {
  const bytes = new TextEncoder().encode(code);
  let len = 0;
  while (len < 48 && len < bytes.length && bytes[len] >= 0x20) len++;
  if (len === bytes.length) return `[string "${code}"]`;
  const cut = Math.min(len, 45);
  return `[string "${new TextDecoder().decode(bytes.subarray(0, cut))}..."]`;
}

const BLOCK_ENDS = new Set(['end', 'else', 'elseif', 'until']);

/** A luaparse message (without its `[line:col]` prefix) in LuaJIT's words. */
function luajitMessage(message: string, code: string, index: number): string {
  let m: RegExpExecArray | null;
  if ((m = /^<expression> expected near (.*)$/.exec(message))) return `unexpected symbol near ${m[1]}`;
  if ((m = /^'\)' expected near (.*)$/.exec(message)) && code.slice(0, index).trimEnd().endsWith('(')) return `unexpected symbol near ${m[1]}`;
  if ((m = /^<name> or '\.\.\.' expected near (.*)$/.exec(message))) return `'<name>' or '...' expected near ${m[1]}`;
  if ((m = /^<name> expected near (.*)$/.exec(message))) return `'<name>' expected near ${m[1]}`;
  if ((m = /^unexpected \w+ '(.*)' near '.*'$/s.exec(message))) {
    return BLOCK_ENDS.has(m[1]) ? `'<eof>' expected near '${m[1]}'` : `unexpected symbol near '${m[1]}'`;
  }
  if (/^unfinished string near /.test(message) && index >= code.length) return "unfinished string near '<eof>'";
  if ((m = /^unfinished long (string|comment) \(starting at line \d+\) near /.exec(message))) return `unfinished long ${m[1]} near '<eof>'`;
  if ((m = /^no visible label '(.*)' for <goto>$/.exec(message))) return `undefined label '${m[1]}'`;
  if ((m = /^label '(.*)' already defined on line \d+$/.exec(message))) return `duplicate label '${m[1]}'`;
  if (/^no loop to break/.test(message)) return 'no loop to break';
  return message;
}

/** What LuaJIT's `loadstring` says of code that does not parse, or null when it does. */
export function luaSyntaxError(code: string): string | null {
  try {
    luaparse.parse(code, { luaVersion: 'LuaJIT', encodingMode: 'none', comments: false });
    return null;
  } catch (error) {
    const e = error as LuaSyntaxError;
    if (typeof e.line !== 'number') return `${chunkName(code)}:1: ${String(e.message)}`;
    const text = e.message.replace(/^\[\d+:\d+\] /, '');
    return `${chunkName(code)}:${e.line}: ${luajitMessage(text, code, e.index)}`;
  }
}

function phaseFunction(plugin: string): Validator {
  return (value) => {
    if (typeof value !== 'string') return null;
    const error = luaSyntaxError(value);
    return error === null ? null : `error parsing ${plugin}: ${error}`;
  };
}

export const luaCodeValidators: Record<string, Validator> = {
  'pre-function-code': phaseFunction('pre-function'),
  'post-function-code': phaseFunction('post-function'),
};
