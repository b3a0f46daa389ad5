// Small record helpers shared by both adapters.

/**
 * Keeps only the keys a patch actually sets: `{ email: undefined }` means "leave as is",
 * while `{ email: null }` clears the field.
 */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Audit details round-trip through JSON in both adapters, so both return the same values. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
