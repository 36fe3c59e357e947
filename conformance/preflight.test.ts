import { describe, expect, it } from 'vitest';
import { chooseProfile } from './preflight.ts';

describe('the profile a run checks', () => {
  it('follows the version GET / reports: 2.x is 2.8, 3.x is 3.9', () => {
    expect(chooseProfile(undefined, '2.8.5')).toEqual({ version: '2.8', message: { level: 'info', text: 'GET / reports Kong 2.8.5: checking the 2.8 profile' } });
    expect(chooseProfile(undefined, '3.4.2')).toEqual({ version: '3.9' });
  });

  it('is 3.9 with a note when GET / reports no version, or one of another major', () => {
    expect(chooseProfile(undefined, undefined)).toEqual({ version: '3.9', message: { level: 'note', text: 'note: GET / reports no Kong version: checking the 3.9 profile (set --kong-version to choose)' } });
    expect(chooseProfile(undefined, '4.0.0').message?.text).toBe('note: GET / reports version 4.0.0: checking the 3.9 profile (set --kong-version to choose)');
  });

  it('is --kong-version when given, warning only when the node disagrees', () => {
    expect(chooseProfile('2.8', '2.8.5')).toEqual({ version: '2.8' });
    expect(chooseProfile('2.8', undefined)).toEqual({ version: '2.8' });
    expect(chooseProfile('3.9', '2.8.5')).toEqual({ version: '3.9', message: { level: 'warning', text: 'warning: GET / reports Kong 2.8.5, but the expectations follow --kong-version 3.9' } });
  });
});
