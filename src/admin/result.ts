/**
 * What a handler returns: a status, a JSON-able body (undefined for none) and extra headers.
 * Errors from `errors.ts` have the same shape, so a handler can return either.
 */
export interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, status = 200): Result => ({ status, body });
export const noContent = (): Result => ({ status: 204 });

/** A value or the error that stopped computing it. */
export type Outcome<T> = { value: T; error?: undefined } | { value?: undefined; error: Result };

export const failed = <T>(error: Result): Outcome<T> => ({ error });
export const succeeded = <T>(value: T): Outcome<T> => ({ value });
