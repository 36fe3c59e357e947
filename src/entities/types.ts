/** The Kong version a mock instance emulates. 3.9 is the default; 2.8 keeps the seeds' behaviour. */
export type KongVersion = '2.8' | '3.9';

export interface ValidatorContext {
  version: KongVersion;
  /** Kong 3.x router flavor; absent means traditional_compatible. */
  routerFlavor?: string;
  /** The node runs without a database (`--db-less`). */
  dbless?: boolean;
}

/**
 * A named field validator (`x-kong-validator: <name>` in the document). It runs after the type
 * check passed and returns Kong's exact message, or null when the value is valid.
 */
export type Validator = (value: unknown, ctx: ValidatorContext) => string | null;

/** Compare profile versions: versionAtLeast('3.9', '3.2') === true. */
export function versionAtLeast(version: string, min: string): boolean {
  const [a1, a2] = version.split('.').map(Number);
  const [b1, b2] = min.split('.').map(Number);
  return a1 !== b1 ? a1 > b1 : (a2 ?? 0) >= (b2 ?? 0);
}
