/**
 * The check before the first step: is the server there, and which Kong version does `GET /` say it
 * is? The version picks the profile of the expectations unless one is given.
 */
import { NetworkError, send, type SendOptions } from './http.ts';

export type Probe =
  | { reachable: true; status: number; /** `version` of `GET /`, when it reports one. */ version?: string }
  | { reachable: false; problem: string };

export async function probe(base: string, options: SendOptions = {}): Promise<Probe> {
  try {
    const ex = await send(base, { method: 'GET', path: '/' }, options);
    const version = (ex.body as { version?: unknown } | undefined)?.version;
    return { reachable: true, status: ex.status, version: typeof version === 'string' ? version : undefined };
  } catch (error) {
    if (error instanceof NetworkError) return { reachable: false, problem: error.message };
    return { reachable: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The profile (2.8 or 3.9) for a version a node reports, e.g. 2.8.5 → 2.8, 3.4.2 → 3.9; undefined for others. */
export function profileFor(reported: string): '2.8' | '3.9' | undefined {
  const major = /^(\d+)\./.exec(reported)?.[1];
  if (major === '2') return '2.8';
  if (major === '3') return '3.9';
  return undefined;
}

export interface ProfileChoice {
  /** The Kong version whose expectations apply. */
  version: string;
  /** What to tell the user about the choice: a warning on a mismatch, a note when guessing, else which profile `GET /` picked. */
  message?: { level: 'warning' | 'note' | 'info'; text: string };
}

/** `--kong-version` when given, else the profile of the version `GET /` reports, else 3.9. */
export function chooseProfile(requested: string | undefined, reported: string | undefined): ProfileChoice {
  const detected = reported === undefined ? undefined : profileFor(reported);
  if (requested !== undefined) {
    const mismatch = detected !== undefined && profileFor(requested) !== detected;
    return { version: requested, message: mismatch ? { level: 'warning', text: `warning: GET / reports Kong ${reported}, but the expectations follow --kong-version ${requested}` } : undefined };
  }
  if (detected === undefined) {
    const what = reported === undefined ? 'no Kong version' : `version ${reported}`;
    return { version: '3.9', message: { level: 'note', text: `note: GET / reports ${what}: checking the 3.9 profile (set --kong-version to choose)` } };
  }
  return { version: detected, message: detected === '3.9' ? undefined : { level: 'info', text: `GET / reports Kong ${reported}: checking the ${detected} profile` } };
}
