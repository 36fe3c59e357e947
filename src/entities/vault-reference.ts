/**
 * Kong's `is_reference` (kong/pdk/vault.lua): a string that opens with `{vault://` and closes with
 * `}`. Every place that lets a vault reference through asks this one function, so a value with
 * only the prefix (`{vault://env/x`) is checked like any other text, as in Kong.
 */
export function isReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{vault://') && value.endsWith('}');
}
