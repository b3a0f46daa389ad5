// Query helpers shared by the Mongo stores.
import type { CursorPosition } from '../../lib/page.js';

/** Keyset condition on (createdAt, idField): documents strictly after (or before) the cursor. */
export function keyset(
  position: CursorPosition | undefined,
  idField: string,
  direction: 1 | -1 = 1,
): object {
  if (!position) return {};
  const op = direction === 1 ? '$gt' : '$lt';
  return {
    $or: [
      { createdAt: { [op]: position.createdAt } },
      { createdAt: position.createdAt, [idField]: { [op]: position.id } },
    ],
  };
}

/** Case-insensitive substring match of literal text (regex metacharacters escaped). */
export function containsText(text: string): { $regex: string; $options: 'i' } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), $options: 'i' };
}

/** Combines conditions with $and, dropping empty ones (FerretDB rejects an empty $and). */
export function allOf(...conditions: object[]): object {
  const present = conditions.filter((c) => Object.keys(c).length > 0);
  return present.length === 0 ? {} : present.length === 1 ? present[0]! : { $and: present };
}
