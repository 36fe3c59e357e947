/**
 * `GET /status?unit=&scale=` (reference §7.2): how Kong's `bytes_to_str` turns the two query
 * arguments into a size format, including the errors it raises, which `/status` answers with 400.
 *
 * Kong reads `scale` with Lua's `tonumber` (anything else means the default, 2) and builds a
 * `string.format` spec `%.<scale>f`. LuaJIT's format parser reads at most two precision digits, so
 * a scale of 100 or more makes `string.format` raise `invalid option '%.<3 chars>' to 'format'`,
 * prefixed with the Lua file and line of the call (the unit's branch in `bytes_to_str`).
 */
import type { KongVersion } from '../../entities/types.ts';
import { versionAtLeast } from '../../entities/types.ts';
import { luaToNumber } from '../args.ts';
import { message } from '../errors.ts';
import { failed, succeeded, type Outcome } from '../result.ts';

export type SizeFormat = (bytes: number) => string | number;

const UNITS: Record<string, { divisor: number; label: string; kong39Line: number; kong28Line: number }> = {
  k: { divisor: 1024, label: 'KiB', kong39Line: 139, kong28Line: 1165 },
  m: { divisor: 1024 ** 2, label: 'MiB', kong39Line: 143, kong28Line: 1169 },
  g: { divisor: 1024 ** 3, label: 'GiB', kong39Line: 147, kong28Line: 1173 },
};

/** `%d` of a Lua number: truncated to an int64; out-of-range values (and NaN) come out as INT64_MIN on x86-64. */
function luaIntegerText(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 2 ** 63) return '-9223372036854775808';
  return BigInt(Math.trunc(n)).toString();
}

/** What LuaJIT's `string.format` parser reports for `%.<digits>f`, or null when it accepts it. */
function invalidFormatOption(digits: string): string | null {
  const precision = /^\d{0,2}/.exec(digits)![0];
  const next = digits.slice(precision.length);
  if (next === '') return null;
  return `%.${precision}${next[0]}`;
}

export function sizeFormat(version: KongVersion, unitRaw: string | undefined, scaleRaw: string | undefined): Outcome<SizeFormat> {
  const unitText = unitRaw ?? 'm';
  const unit = unitText.toLowerCase();
  if (unit === '' || unit === 'b') return succeeded((bytes) => Math.round(bytes));
  const scale = scaleRaw === undefined ? 2 : (luaToNumber(scaleRaw) ?? 2);
  if (scale < 0) return failed(message(400, 'scale must be equal or greater than 0'));
  const spec = UNITS[unit];
  if (!spec) return failed(message(400, `invalid unit '${unitText}' (expected 'k/K', 'm/M', or 'g/G')`));
  const digits = luaIntegerText(scale);
  const bad = invalidFormatOption(digits);
  if (bad !== null) {
    // the file and line of `bytes_to_str`'s format call for this unit in Kong 3.9.3 and 2.8.5
    const where = versionAtLeast(version, '3.0') ? `kong/tools/string.lua:${spec.kong39Line}` : `kong/tools/utils.lua:${spec.kong28Line}`;
    return failed(message(400, `/usr/local/share/lua/5.1/${where}: invalid option '${bad}' to 'format'`));
  }
  const decimals = Number(digits);
  return succeeded((bytes) => `${(bytes / spec.divisor).toFixed(decimals)} ${spec.label}`);
}
