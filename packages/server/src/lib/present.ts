// Shapes shared by every management API response: RFC 3339 timestamps and cursor pages
// (`{ data, next_cursor }`, DESIGN.md).
import type { Page } from './page.js';

export function iso(date: Date): string {
  return date.toISOString();
}

export function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

export function apiPage<T, U>(page: Page<T>, present: (item: T) => U) {
  return { data: page.items.map(present), next_cursor: page.nextCursor };
}

/** An optional date-time query parameter (already validated against the spec). */
export function dateParam(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
