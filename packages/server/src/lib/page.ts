// Cursor pagination shared by every store: keyset on (created_at, id), so a page neither skips
// nor repeats rows while others are inserted. The cursor is opaque to clients.

export interface PageRequest {
  /** 1..100 */
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.createdAt.getTime()}:${position.id}`).toString('base64url');
}

/** Returns undefined for a cursor this server did not write; callers answer 400. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15}):(.{1,200})$/.exec(text);
  if (!match) return undefined;
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}

/** Builds a page from `limit + 1` rows fetched in (created_at, id) order. */
export function toPage<T extends { createdAt: Date }>(
  rows: T[],
  limit: number,
  idOf: (row: T) => string,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.createdAt, id: idOf(last) })
        : null,
  };
}
