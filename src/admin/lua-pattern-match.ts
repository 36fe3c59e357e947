/**
 * Whether a byte string contains a match of a Lua pattern, run as an automaton whose states are
 * positions in the pattern's item list. Each step costs O(items), so a test is linear in the
 * subject, whatever the pattern (no backtracking, unlike a RegExp or Lua's own matcher).
 */

export interface PatternItem {
  /** 1 for each byte (0-255) the item accepts. */
  bytes: Uint8Array;
  /** '' exactly once; '*' and '-' any number; '+' one or more; '?' at most once. */
  quantifier: '' | '*' | '-' | '+' | '?';
}

export interface PatternProgram {
  items: PatternItem[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
}

const optional = (item: PatternItem): boolean => item.quantifier === '*' || item.quantifier === '-' || item.quantifier === '?';
const repeats = (item: PatternItem): boolean => item.quantifier !== '' && item.quantifier !== '?';

/** Add state `i` and every state reachable from it by skipping optional items. */
function enter(states: Uint8Array, items: PatternItem[], i: number): void {
  while (states[i] === 0) {
    states[i] = 1;
    if (i === items.length || !optional(items[i])) return;
    i++;
  }
}

/** Lua's `subject:find(pattern) ~= nil` for a byte string (one char code 0-255 per byte). */
export function matchesSomewhere(program: PatternProgram, subject: string): boolean {
  const { items, anchoredStart, anchoredEnd } = program;
  const done = items.length;
  let current = new Uint8Array(done + 1);
  let next = new Uint8Array(done + 1);
  enter(current, items, 0);
  for (let at = 0; ; at++) {
    if (current[done] === 1 && (!anchoredEnd || at === subject.length)) return true;
    if (at === subject.length) return false;
    const byte = subject.charCodeAt(at);
    next.fill(0);
    for (let i = 0; i < done; i++) {
      if (current[i] === 0 || items[i].bytes[byte] === 0) continue;
      if (repeats(items[i])) enterAfterRepeat(next, items, i);
      else enter(next, items, i + 1);
    }
    if (!anchoredStart) enter(next, items, 0);
    [current, next] = [next, current];
  }
}

/**
 * After a repeating item consumed a byte: it may consume more (stay at `i`) or be done (enter
 * `i + 1`). Whenever a state is set, the states it reaches by skipping are set too, which is
 * what lets `enter` stop at a state already present.
 */
function enterAfterRepeat(states: Uint8Array, items: PatternItem[], i: number): void {
  states[i] = 1;
  enter(states, items, i + 1);
}
