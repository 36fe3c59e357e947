/**
 * The Lua pattern translator behind `x-kong-match` and friends: Lua's matching rules (bytes, C
 * locale classes, sets, `-` as a lazy repeat, anchors only at the ends, quantifiers only after a
 * single class), refusals for what has no translation, and every pattern the document uses.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LuaPatternError, luaMatch, luaPattern, luaPatternToRegExp, toByteString } from './lua-pattern.ts';
import { readDocument } from '../spec/index.ts';

const matches = (pattern: string, subject: string) => luaMatch(subject, pattern);

describe('character classes (C locale)', () => {
  it.each([
    ['%a', ['a', 'Z'], ['1', '_', 'é']],
    ['%d', ['0', '9'], ['a', '٣']],
    ['%l', ['q'], ['Q', '1']],
    ['%u', ['Q'], ['q']],
    ['%s', [' ', '\t', '\n', '\v', '\f', '\r'], ['x', '\u00a0']],
    ['%w', ['a', 'Z', '5'], ['_', '-']],
    ['%x', ['0', 'f', 'F'], ['g', 'G']],
    ['%p', ['!', '/', ':', '@', '[', '`', '{', '~'], ['a', '0', ' ']],
    ['%c', ['\u0000', '\u001f', '\u007f'], [' ', 'a']],
    ['%g', ['!', '~', 'a'], [' ', '\u007f']],
    ['%z', ['\u0000'], ['0']],
  ])('^%s$ and its complement', (cls, yes, no) => {
    for (const s of yes) {
      expect(matches(`^${cls}$`, s), `${cls} on ${JSON.stringify(s)}`).toBe(true);
      expect(matches(`^${cls.toUpperCase()}$`, s), `${cls.toUpperCase()} on ${JSON.stringify(s)}`).toBe(false);
    }
    for (const s of no) {
      expect(matches(`^${cls}$`, s), `${cls} on ${JSON.stringify(s)}`).toBe(false);
      if (Buffer.byteLength(s) === 1) expect(matches(`^${cls.toUpperCase()}$`, s)).toBe(true);
    }
  });

  it('treats % before any other character as that character', () => {
    expect(matches('^%.$', '.')).toBe(true);
    expect(matches('^%.$', 'a')).toBe(false);
    expect(matches('^%%$', '%')).toBe(true);
    expect(matches('^%*%+%-%?%[%]%(%)%^%$$', '*+-?[]()^$')).toBe(true);
    expect(matches('^%q$', 'q')).toBe(true); // Lua: a letter that is no class stands for itself
  });

  it('reads . as any byte, newline included', () => {
    expect(matches('^a.c$', 'a\nc')).toBe(true);
    expect(matches('^.$', '')).toBe(false);
  });
});

describe('sets', () => {
  it('ranges, negation and classes inside', () => {
    expect(matches('^[a-c]+$', 'abcab')).toBe(true);
    expect(matches('^[a-c]+$', 'abd')).toBe(false);
    expect(matches('^[^:]+$', 'x-foo')).toBe(true);
    expect(matches('^[^:]+$', 'x:foo')).toBe(false);
    expect(matches('^[%d_]+$', '1_2')).toBe(true);
    expect(matches('^[%d_]+$', '1-2')).toBe(false);
    expect(matches('^[%A]+$', '1-2')).toBe(true);
    expect(matches('^[%A]+$', '1a')).toBe(false);
  });

  it("follows Lua's parsing: a leading ] is a member, a trailing - is literal, %a-z is a class, - and z", () => {
    expect(matches('^[]]$', ']')).toBe(true);
    expect(matches('^[^]]$', ']')).toBe(false);
    expect(matches('^[^]]$', 'a')).toBe(true);
    expect(matches('^[a-]+$', 'a-a')).toBe(true);
    expect(matches('^[a-]+$', 'b')).toBe(false);
    expect(matches('^[%a-z]+$', 'Q-z')).toBe(true);
    expect(matches('^[%a-z]+$', '1')).toBe(false);
    expect(matches('^[%]]$', ']')).toBe(true);
  });

  it('a reversed range is empty: it never matches, and its negation always does', () => {
    expect(matches('[z-a]', 'abcz')).toBe(false);
    expect(matches('^[^z-a]$', 'q')).toBe(true);
  });

  it('Kong file-log path set: no *, &, %, \\ or backtick', () => {
    const pattern = '^[^*&%%\\`]+$';
    expect(matches(pattern, '/tmp/kong.log')).toBe(true);
    for (const bad of ['/tmp/*.log', 'a&b', '50%', 'c:\\x', 'a`b', '']) expect(matches(pattern, bad), bad).toBe(false);
  });
});

describe('repetition and anchors', () => {
  it('*, +, ? and - (lazy) after a single class', () => {
    expect(matches('^ab*c$', 'ac')).toBe(true);
    expect(matches('^ab+c$', 'ac')).toBe(false);
    expect(matches('^ab?c$', 'abbc')).toBe(false);
    expect(matches('^a.-b$', 'axxbyyb')).toBe(true);
    expect(luaPatternToRegExp('a.-b').source).toContain('*?');
  });

  it('reads a quantifier character that follows no single class as a literal', () => {
    expect(matches('^*a$', '*a')).toBe(true);
    expect(matches('^-a$', '-a')).toBe(true);
    expect(matches('^[0-9]+-[0-9]+$', '200-299')).toBe(true);
    expect(matches('^[0-9]+-[0-9]+$', '200')).toBe(false);
    expect(matches('^a**$', 'aaa*')).toBe(true); // a* then one literal *
    expect(matches('^a**$', 'aaa')).toBe(false);
    expect(matches('^(a)*$', 'a*')).toBe(true); // after a capture, * is a literal
    expect(matches('^(a)*$', 'aa')).toBe(false);
  });

  it('^ anchors only at the start and $ only at the end; elsewhere they are literals', () => {
    expect(matches('b', 'abc')).toBe(true); // unanchored search, as string.match
    expect(matches('^b', 'abc')).toBe(false);
    expect(matches('b$', 'abc')).toBe(false);
    expect(matches('a^b', 'xa^b')).toBe(true);
    expect(matches('a$b', 'a$b')).toBe(true);
    expect(matches('^$', '')).toBe(true);
    expect(matches('c$', 'abc\n')).toBe(false); // unlike PCRE, $ does not match before a final newline
  });

  it('captures are plain groups; () matches the empty string', () => {
    expect(matches('^([^:]+):*(.-)$', 'x-foo:bar')).toBe(true);
    expect(matches('^([^:]+):*(.-)$', ':bar')).toBe(false);
    expect(matches('^()a$', 'a')).toBe(true);
  });
});

describe('bytes, not characters', () => {
  it('matches UTF-8 bytes one at a time, as LuaJIT does', () => {
    expect(toByteString('é')).toBe('\u00c3\u00a9');
    expect(matches('^.$', 'é')).toBe(false);
    expect(matches('^..$', 'é')).toBe(true);
    expect(matches('^[^a]+$', 'é€')).toBe(true);
    expect(matches('^é$', 'é')).toBe(true);
    expect(matches('^[é]$', '\u00c3')).toBe(false); // the set holds the two bytes of é, the subject is two other bytes
  });
});

describe('refusals', () => {
  it.each([
    ['%b()', '%b'],
    ['%f[%w]%w+', '%f'],
    ['(a)%1', 'back reference'],
    ['abc%', "ends with '%'"],
    ['[a', "missing ']'"],
    ['[%]', "missing ']'"],
    ['(a', 'unfinished capture'],
    ['a)', 'invalid pattern capture'],
  ])('%s', (pattern, why) => {
    expect(() => luaPattern(pattern)).toThrow(LuaPatternError);
    expect(() => luaPattern(pattern)).toThrow(why);
  });
});

describe("Kong's patterns", () => {
  it('acme account_email: a loose check that only needs an @', () => {
    const pattern = '%w*%p*@+%w*%.?%w*';
    expect(matches(pattern, 'ops@example.test')).toBe(true);
    expect(matches(pattern, '@')).toBe(true);
    expect(matches(pattern, 'ops.example.test')).toBe(false);
  });

  it('typedefs.hosts wildcards: at most one, leftmost or rightmost label', () => {
    const one = '^[^*]*%*?[^*]*$';
    expect(matches(one, '*.example.test')).toBe(true);
    expect(matches(one, '*.example.*')).toBe(false);
    const placed = ['^%*%.', '%.%*$', '^[^*]*$'];
    const any = (s: string) => placed.some((p) => matches(p, s));
    expect(any('*.example.test')).toBe(true);
    expect(any('example.*')).toBe(true);
    expect(any('example.test')).toBe(true);
    expect(any('ex*mple.test')).toBe(false);
  });

  it('datadog tags must not end with a colon', () => {
    expect(matches('^.*[^:]$', 'app:kong')).toBe(true);
    expect(matches('^.*[^:]$', 'app:')).toBe(false);
  });

  it('every Lua pattern of the document translates (a refused one fails here, before any request)', () => {
    const patterns = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, any>;
        for (const key of ['x-kong-match', 'x-kong-not-match']) if (typeof o[key] === 'string') patterns.add(o[key]);
        for (const key of ['x-kong-match-all', 'x-kong-match-none']) for (const rule of o[key] ?? []) patterns.add(rule.pattern);
        for (const p of o['x-kong-match-any']?.patterns ?? []) patterns.add(p);
        Object.values(o).forEach(walk);
      }
    };
    walk(readDocument().components);
    expect(patterns.size).toBeGreaterThanOrEqual(9);
    for (const p of patterns) expect(() => luaPattern(p), p).not.toThrow();
  });
});

describe('matching cost', () => {
  const cpuMs = (fn: () => void): number => {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };

  it("is linear in the subject: acme's account_email pattern on 200k characters without an @ takes well under 250 ms of CPU", () => {
    const subject = 'a'.repeat(200_000);
    let result = true;
    const used = cpuMs(() => {
      result = matches('%w*%p*@+%w*%.?%w*', subject);
    });
    expect(result).toBe(false);
    expect(used).toBeLessThan(250);
    expect(matches('%w*%p*@+%w*%.?%w*', `${subject}@x`)).toBe(true);
  });

  it('gives the answer the backtracking translation gives, on random patterns and subjects', () => {
    const atoms = ['a', 'b', '.', '%d', '[ab]', '[^a]', '%a'];
    const quantifiers = ['', '*', '+', '?', '-'];
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom(...atoms), fc.constantFrom(...quantifiers)), { maxLength: 6 }),
        fc.boolean(),
        fc.stringMatching(/^[ab1 ]{0,12}$/),
        (start, items, end, subject) => {
          const pattern = `${start ? '^' : ''}${items.map(([a, q]) => a + q).join('')}${end ? '$' : ''}`;
          expect(luaPattern(pattern).test(subject), pattern).toBe(luaPatternToRegExp(pattern).test(toByteString(subject)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
