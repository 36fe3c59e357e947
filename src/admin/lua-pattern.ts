/**
 * Lua patterns (the `string.match` / `string.find` dialect Kong's schema validators `match`,
 * `not_match`, `match_all`, `match_none` and `match_any` use) translated to JS regular expressions.
 *
 * Lua matches bytes, not characters: a subject is turned into its UTF-8 bytes (one char code
 * 0-255 per byte) before it is tested, and the pattern is read as UTF-8 bytes too, so `.` or a
 * negated set consumes one byte of a multi-byte character exactly as LuaJIT does. Every single-byte
 * class is emitted as an explicit JS set of byte ranges (the character classes are those of the C
 * locale: ASCII only).
 *
 * Supported: literal bytes, `.`, `%a %c %d %g %l %p %s %u %w %x %z` and their upper-case
 * complements, `%` before any other character (that character, literally), sets `[...]` and
 * `[^...]` with ranges and classes inside, the quantifiers `*`, `+`, `?` and `-` (lazy `*`),
 * `^` at the start and `$` at the end as anchors (literal elsewhere), and captures `(...)` / `()`
 * (only whether the pattern matches matters here, so they become plain groups). Refused, by
 * throwing a {@link LuaPatternError}: `%b`, `%f`, back references `%1`-`%9`, and malformed patterns
 * (a trailing `%`, a set without `]`, unbalanced parentheses), which Lua itself rejects when the
 * pattern is used.
 *
 * Matching runs the pattern as a set of positions in its item list (a Thompson automaton), one
 * byte at a time: O(subject length × pattern items), never backtracking. Without back
 * references, `%b` and `%f`, whether Lua's backtracking matcher finds a match depends only on
 * the language the pattern describes, so both give the same answer.
 */
import { latin1Text, utf8Bytes } from '../crypto/bytes.ts';
import { matchesSomewhere, type PatternItem, type PatternProgram } from './lua-pattern-match.ts';

export class LuaPatternError extends Error {
  constructor(pattern: string, why: string) {
    super(`cannot translate Lua pattern '${pattern}': ${why}`);
    this.name = 'LuaPatternError';
  }
}

export interface LuaPattern {
  /** The Lua pattern as written. */
  readonly source: string;
  /** The translation; it applies to byte strings (see {@link toByteString}). */
  readonly regexp: RegExp;
  /** Lua's `subject:match(pattern) ~= nil`. */
  test(subject: string): boolean;
}

/** The UTF-8 bytes of a string, one char code (0-255) per byte. */
export function toByteString(text: string): string {
  return latin1Text(utf8Bytes(text));
}

type ByteSet = boolean[];

const range = (lo: number, hi: number): ByteSet => Array.from({ length: 256 }, (_, c) => c >= lo && c <= hi);
const union = (...sets: ByteSet[]): ByteSet => Array.from({ length: 256 }, (_, c) => sets.some((s) => s[c]));
const complement = (set: ByteSet): ByteSet => set.map((b) => !b);

const UPPER = range(0x41, 0x5a);
const LOWER = range(0x61, 0x7a);
const DIGIT = range(0x30, 0x39);
const ALPHA = union(UPPER, LOWER);

/** The C locale's ctype classes, by Lua class letter. */
const CLASSES: Record<string, ByteSet> = {
  a: ALPHA,
  c: union(range(0x00, 0x1f), range(0x7f, 0x7f)),
  d: DIGIT,
  g: range(0x21, 0x7e),
  l: LOWER,
  p: union(range(0x21, 0x2f), range(0x3a, 0x40), range(0x5b, 0x60), range(0x7b, 0x7e)),
  s: union(range(0x09, 0x0d), range(0x20, 0x20)),
  u: UPPER,
  w: union(ALPHA, DIGIT),
  x: union(DIGIT, range(0x41, 0x46), range(0x61, 0x66)),
  z: range(0x00, 0x00),
};

/** `%<letter>`: a class, its complement for an upper-case letter, or the character itself. */
function escapeClass(letter: string): ByteSet {
  const lower = letter.toLowerCase();
  const cls = CLASSES[lower];
  if (!cls) {
    const code = letter.charCodeAt(0);
    return range(code, code);
  }
  return letter === lower ? cls : complement(cls);
}

const hex = (c: number): string => `\\x${c.toString(16).padStart(2, '0')}`;

/** A byte set as a JS character class of byte ranges (`[]` never matches, as an empty Lua set). */
function emit(set: ByteSet): string {
  let out = '';
  for (let c = 0; c < 256; c++) {
    if (!set[c]) continue;
    let end = c;
    while (end + 1 < 256 && set[end + 1]) end++;
    out += end === c ? hex(c) : end === c + 1 ? hex(c) + hex(end) : `${hex(c)}-${hex(end)}`;
    c = end;
  }
  return `[${out}]`;
}

/**
 * A set `[...]` starting at `p[start]`: Lua's rules (the first character after `[` or `[^` is
 * always a member, so `[]]` is the set of `]`; `x-y` is a range unless `-` is the last member;
 * `%` escapes inside). Returns the set and the index after its `]`.
 */
function readSet(pattern: string, p: string, start: number): [ByteSet, number] {
  let i = start + 1;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  const first = i;
  // Lua's classEnd: find the closing `]`, skipping escapes; the first member is never the end.
  let end = i;
  do {
    if (end >= p.length) throw new LuaPatternError(pattern, "malformed pattern (missing ']')");
    if (p[end++] === '%' && end < p.length) end++;
  } while (p[end] !== ']');
  const members: ByteSet[] = [];
  for (let j = first; j < end; j++) {
    if (p[j] === '%') {
      j++;
      members.push(escapeClass(p[j]));
    } else if (p[j + 1] === '-' && j + 2 < end) {
      members.push(range(p.charCodeAt(j), p.charCodeAt(j + 2)));
      j += 2;
    } else {
      members.push(range(p.charCodeAt(j), p.charCodeAt(j)));
    }
  }
  const set = union(...members);
  return [negate ? complement(set) : set, end + 1];
}

/** A single-byte class at `p[i]` (a literal, `.`, `%x`, or a set) and the index after it. */
function readSingle(pattern: string, p: string, i: number): [ByteSet, number] {
  const c = p[i];
  if (c === '.') return [range(0x00, 0xff), i + 1];
  if (c === '[') return readSet(pattern, p, i);
  if (c === '%') {
    const next = p[i + 1];
    if (next === undefined) throw new LuaPatternError(pattern, "malformed pattern (ends with '%')");
    if (next === 'b') throw new LuaPatternError(pattern, '%b (balanced match) has no regular-expression equivalent');
    if (next === 'f') throw new LuaPatternError(pattern, '%f (frontier) is not supported');
    if (next >= '0' && next <= '9') throw new LuaPatternError(pattern, `back reference %${next} is not supported`);
    return [escapeClass(next), i + 2];
  }
  const code = p.charCodeAt(i);
  return [range(code, code), i + 1];
}

/** A pattern read into its parts: the anchors and the single-byte items with their quantifiers. */
interface ParsedPattern {
  regexp: RegExp;
  program: PatternProgram;
}

function parse(pattern: string): ParsedPattern {
  const p = toByteString(pattern);
  const items: PatternItem[] = [];
  let out = '';
  let i = 0;
  let anchoredEnd = false;
  const anchoredStart = p[0] === '^';
  if (anchoredStart) {
    out = '^';
    i = 1;
  }
  let depth = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '(') {
      if (p[i + 1] === ')') {
        i += 2; // a position capture matches the empty string
        continue;
      }
      depth++;
      out += '(?:';
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw new LuaPatternError(pattern, 'invalid pattern capture');
      depth--;
      out += ')';
      i++;
      continue;
    }
    if (c === '$' && i === p.length - 1) {
      out += '$';
      anchoredEnd = true;
      i++;
      continue;
    }
    const [set, next] = readSingle(pattern, p, i);
    const cls = emit(set);
    i = next;
    const q = p[i];
    if (q === '*' || q === '+' || q === '?') {
      out += cls + q;
      i++;
    } else if (q === '-') {
      out += `${cls}*?`;
      i++;
    } else {
      out += cls;
    }
    items.push({ bytes: Uint8Array.from(set, (b) => (b ? 1 : 0)), quantifier: q === '*' || q === '+' || q === '?' || q === '-' ? q : '' });
  }
  if (depth > 0) throw new LuaPatternError(pattern, 'unfinished capture');
  return { regexp: new RegExp(out), program: { items, anchoredStart, anchoredEnd } };
}

/** Translates a Lua pattern; throws {@link LuaPatternError} when it cannot. */
export function luaPatternToRegExp(pattern: string): RegExp {
  return parse(pattern).regexp;
}

const cache = new Map<string, LuaPattern>();

/** A compiled Lua pattern (cached by source); throws {@link LuaPatternError} when it cannot be translated. */
export function luaPattern(pattern: string): LuaPattern {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const { regexp, program } = parse(pattern);
    // the regexp backtracks (quadratic on a long subject that almost matches); the test runs the
    // pattern as an automaton instead, linear in the subject
    compiled = { source: pattern, regexp, test: (subject: string) => matchesSomewhere(program, toByteString(subject)) };
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Lua's `subject:match(pattern) ~= nil`. */
export function luaMatch(subject: string, pattern: string): boolean {
  return luaPattern(pattern).test(subject);
}
