import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioSource } from './cli.ts';
import { loadScenarios } from './scenario.ts';

describe('conform: where the scenarios come from', () => {
  it("without --scenarios, runs the package's own scenarios whatever the current directory", () => {
    const source = scenarioSource(undefined);
    expect(existsSync(join(source.cwd, 'package.json'))).toBe(true);
    expect(loadScenarios(source.globs, source.cwd).length).toBeGreaterThan(10);
  });

  it('resolves --scenarios globs against the current directory', () => {
    expect(scenarioSource(['my/*.yaml'])).toEqual({ globs: ['my/*.yaml'], cwd: process.cwd() });
  });
});
