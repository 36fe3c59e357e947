/**
 * Errors about the state files: each names the file and says what to do, since the person who
 * reads it is starting a server, not debugging one.
 */
export class StateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateError';
  }
}

/** Node's error code (`EACCES`, `ENOENT`…) and message, without the stack. */
export function cause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}
