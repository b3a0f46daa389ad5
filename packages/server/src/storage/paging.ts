// Keyset pagination helpers shared by both adapters (lib/page.ts holds the cursor format).
import { decodeCursor, type CursorPosition } from '../lib/page.js';
import { InvalidCursorError } from '../lib/store-errors.js';

/** Decodes a page cursor; a cursor this server did not write is the caller's mistake (400). */
export function cursorPosition(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (!position || Number.isNaN(position.createdAt.getTime())) throw new InvalidCursorError();
  return position;
}

/** The port promises 1..100; clamp anyway so a bad caller cannot ask for the whole table. */
export function pageLimit(limit: number): number {
  return Math.min(100, Math.max(1, Math.trunc(limit) || 1));
}
