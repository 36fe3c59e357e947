/**
 * The mock's own defaulting (the code that fills `config` on POST /plugins) against the oracle of
 * src/entities/plugin-defaults.expected.json, for every bundled plugin of the 3.9 profile.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/index.ts';
import { applyDefaults } from './defaults.ts';
import { kindOf } from './schema-walk.ts';

const expected = JSON.parse(readFileSync(new URL('../entities/plugin-defaults.expected.json', import.meta.url), 'utf8')) as Record<string, { config: unknown; protocols: string[] }>;
const spec = await loadSpec({ version: '3.9' });

describe('config defaults filled by the engine', () => {
  for (const plugin of spec.plugins.values()) {
    it(plugin.name, () => {
      expect(kindOf(plugin.config)).toBe('record');
      expect(applyDefaults(plugin.config, {})).toEqual(expected[plugin.name].config);
      expect(plugin.protocols).toEqual(expected[plugin.name].protocols);
    });
  }
});
