/**
 * Reading a declarative configuration as Kong does (`kong/db/declarative` unserialize): JSON or
 * YAML text, which must decode to an object; the config hash is the md5 of the text.
 */
import { digestHex } from '../crypto/index.ts';
import { parse as parseYaml } from 'yaml';

export type DeclarativeInput = Record<string, unknown>;

export type Parsed = { ok: DeclarativeInput; hash: string } | { error: string };

/** Kong's hash of an empty configuration. */
export const EMPTY_CONFIG_HASH = '00000000000000000000000000000000';

export function configHash(text: string): string {
  return digestHex('md5', text);
}

function isObject(value: unknown): value is DeclarativeInput {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `failed parsing declarative configuration: …` on text that is neither a JSON nor a YAML object. */
export function parseDeclarative(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = parseYaml(text, { version: '1.1' });
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { error: `failed parsing declarative configuration: ${detail}` };
    }
  }
  if (!isObject(value)) return { error: 'failed parsing declarative configuration: expected an object' };
  return { ok: value, hash: configHash(text) };
}
