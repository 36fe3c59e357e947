/**
 * `serve --config FILE`: a declarative configuration loaded before the server listens. Errors are
 * reported as Kong's `/config` reports them (`declarative config is invalid: …`).
 */
import { readFileSync } from 'node:fs';
import type { KongMock } from '../admin/mock.ts';
import { errorMessage, loadDeclarativeText } from './load.ts';

export async function loadConfigFile(mock: KongMock, file: string): Promise<{ count: number } | { error: string }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read declarative config ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const loaded = await loadDeclarativeText(mock, text, { clock: undefined });
  if (loaded.error) return { error: errorMessage(loaded.error) };
  mock.configHash = loaded.value.hash;
  return { count: loaded.value.count };
}
