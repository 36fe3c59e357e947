/**
 * Comparing an actual response body with an expectation. Exact by default; strings starting with
 * `@` are matchers for what differs between servers (see conformance/README.md).
 */
export interface Difference {
  path: string;
  expected: string;
  actual: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));

type Check = (actual: unknown) => boolean;

const SIMPLE: Record<string, Check> = {
  '@any': (a) => a !== undefined,
  '@uuid': (a) => typeof a === 'string' && UUID.test(a),
  '@string': (a) => typeof a === 'string',
  '@number': (a) => typeof a === 'number',
  '@integer': (a) => typeof a === 'number' && Number.isInteger(a),
  '@timestamp': (a) => typeof a === 'number' && Number.isInteger(a) && a > 0,
  '@timestamp-ms': (a) => typeof a === 'number' && a > 0 && Math.abs(Math.round(a * 1000) - a * 1000) < 1e-6,
  '@boolean': (a) => typeof a === 'boolean',
  '@array': (a) => Array.isArray(a),
  '@object': (a) => typeof a === 'object' && a !== null && !Array.isArray(a),
  '@null': (a) => a === null,
};

export function isMatcher(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('@') && !value.startsWith('@@');
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('@') && !k.startsWith('@@'));
}

function objectMatcher(expected: Record<string, unknown>, actual: unknown, path: string, out: Difference[]): boolean {
  if ('@length' in expected) {
    const n = expected['@length'];
    if (!Array.isArray(actual) && typeof actual !== 'string') out.push({ path, expected: `length ${n}`, actual: show(actual) });
    else if (actual.length !== n) out.push({ path, expected: `length ${n}`, actual: `length ${actual.length}` });
    return true;
  }
  if ('@contains' in expected) {
    const want = expected['@contains'];
    if (Array.isArray(want)) {
      if (!Array.isArray(actual)) out.push({ path, expected: `array containing ${show(want)}`, actual: show(actual) });
      else
        for (const item of want) {
          if (!actual.some((a) => diff(item, a, path, [], true).length === 0)) out.push({ path, expected: `an element matching ${show(item)}`, actual: show(actual) });
        }
    } else if (typeof want === 'string') {
      if (typeof actual !== 'string' || !actual.includes(want)) out.push({ path, expected: `a string containing ${show(want)}`, actual: show(actual) });
    } else {
      diff(want, actual, path, out, true);
    }
    return true;
  }
  if ('@oneOf' in expected) {
    const options = expected['@oneOf'] as unknown[];
    if (!options.some((o) => diff(o, actual, path, []).length === 0)) out.push({ path, expected: `one of ${show(options)}`, actual: show(actual) });
    return true;
  }
  return false;
}

/**
 * Differences between expected and actual at JSON-path granularity. `subset` allows extra keys
 * in objects (used by `@contains`).
 */
export function diff(expected: unknown, actual: unknown, path = '$', out: Difference[] = [], subset = false): Difference[] {
  if (typeof expected === 'string' && expected.startsWith('@') && !expected.startsWith('@@')) {
    if (expected === '@absent') {
      if (actual !== undefined) out.push({ path, expected: '(absent)', actual: show(actual) });
      return out;
    }
    if (expected.startsWith('@regex:')) {
      const re = new RegExp(expected.slice('@regex:'.length));
      if (typeof actual !== 'string' || !re.test(actual)) out.push({ path, expected: `a string matching /${re.source}/`, actual: show(actual) });
      return out;
    }
    const check = SIMPLE[expected];
    if (!check) throw new Error(`unknown matcher ${expected} at ${path}`);
    if (!check(actual)) out.push({ path, expected: expected.slice(1), actual: show(actual) });
    return out;
  }
  if (typeof expected === 'string' && expected.startsWith('@@')) expected = expected.slice(1);
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    if (objectMatcher(expected as Record<string, unknown>, actual, path, out)) return out;
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      out.push({ path, expected: show(expected), actual: show(actual) });
      return out;
    }
    const exp = expected as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    const childPath = (key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);
    for (const key of Object.keys(exp)) {
      if (!(key in act) && exp[key] !== '@absent') out.push({ path: childPath(key), expected: show(exp[key]), actual: '(absent)' });
      else diff(exp[key], act[key], childPath(key), out, subset);
    }
    if (!subset) for (const key of Object.keys(act)) if (!(key in exp)) out.push({ path: childPath(key), expected: '(absent)', actual: show(act[key]) });
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ path, expected: show(expected), actual: show(actual) });
      return out;
    }
    if (expected.length !== actual.length) out.push({ path, expected: `${expected.length} elements`, actual: `${actual.length} elements` });
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) diff(expected[i], actual[i], `${path}[${i}]`, out, subset);
    return out;
  }
  if (expected !== actual) out.push({ path, expected: show(expected), actual: show(actual) });
  return out;
}
