// SQL conversions: dates are INTEGER epoch milliseconds, booleans 0/1, arrays and JSON TEXT.
import Database from 'better-sqlite3';
import { DuplicateKeyError, RecordNotFoundError } from '../../lib/store-errors.js';

export const ms = (date: Date): number => date.getTime();
export const msOrNull = (date: Date | null): number | null =>
  date === null ? null : date.getTime();
export const date = (value: number): Date => new Date(value);
export const dateOrNull = (value: number | null): Date | null =>
  value === null ? null : new Date(value);
export const flag = (value: boolean): number => (value ? 1 : 0);

/** `INSERT INTO table (a, b) VALUES (@a, @b)` for a row object with exactly these columns. */
export function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}

/** `SET a = @a, b = @b` for the columns an update rewrites. */
export function setSql(columns: readonly string[]): string {
  return `SET ${columns.map((c) => `${c} = @${c}`).join(', ')}`;
}

interface Constraints {
  /** "table.column" (as SQLite names it in the error) -> the port's field name. */
  unique: Record<string, string>;
  /** What a FOREIGN KEY failure means, e.g. "client or user". */
  references?: string;
}

/** Runs a write, turning constraint failures into the typed store errors. */
export function withConstraints<T>(constraints: Constraints, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof Database.SqliteError)) throw error;
    if (
      error.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    ) {
      // e.g. "UNIQUE constraint failed: users.username"
      const failed = error.message
        .slice(error.message.indexOf(':') + 1)
        .split(',')
        .map((s) => s.trim());
      const known = failed
        .map((column) => constraints.unique[column])
        .find((field) => field !== undefined);
      throw new DuplicateKeyError(known ?? failed[0]?.split('.').pop() ?? 'key');
    }
    if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' && constraints.references) {
      throw new RecordNotFoundError(constraints.references);
    }
    throw error;
  }
}

/**
 * SQLite's lower() and LIKE fold ASCII only; this folds Unicode like MongoDB's regex /i, so
 * "case-insensitive substring" filters agree across adapters.
 */
export function registerFunctions(db: Database.Database): void {
  db.function('unicode_lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
}

/** Keyset condition on (created_at, <id>): rows strictly after the cursor position. */
export const afterCursorSql = (id: string) =>
  `(@after_created IS NULL OR (created_at, ${id}) > (@after_created, @after_id))`;

/** The same keyset condition for `filteredQuery`, which leaves it out on the first page. */
export const afterCursor = (id: string, op: '>' | '<' = '>') =>
  `(created_at, ${id}) ${op} (@after_created, @after_id)`;

/**
 * A list query with optional filters: each filter's condition is in the SQL only when its
 * parameter is given (not null). A `(@x IS NULL OR ...)` condition is evaluated for every row
 * scanned, and a page of two clients took four times as long as without it. One statement is
 * prepared per combination of filters in use. `sql` receives the whole WHERE clause.
 */
export function filteredQuery<P extends object, Row>(
  db: Database.Database,
  sql: (where: string) => string,
  filters: Partial<Record<keyof P & string, string>>,
  always: readonly string[] = [],
): (params: P) => Row[] {
  const names = Object.keys(filters) as (keyof P & string)[];
  const statements = new Map<number, Database.Statement<[P], Row>>();
  return (params) => {
    let key = 0;
    const given = params as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) if (given[names[i]!] != null) key |= 1 << i;
    let statement = statements.get(key);
    if (!statement) {
      const used = names.filter((_, i) => key & (1 << i)).map((name) => filters[name]!);
      const conditions = [...always, ...used];
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      statement = db.prepare<[P], Row>(sql(where));
      statements.set(key, statement);
    }
    return statement.all(params);
  };
}

/** Named parameters for afterCursorSql and LIMIT (one extra row tells toPage there is more). */
export function pageParams(position: { createdAt: Date; id: string } | undefined, limit: number) {
  return {
    after_created: position ? ms(position.createdAt) : null,
    after_id: position?.id ?? null,
    limit: limit + 1,
  };
}

/** A row type's column names; the Record makes the compiler insist on every column. */
export function columns<Row>(all: Record<keyof Row & string, true>): (keyof Row & string)[] {
  return Object.keys(all) as (keyof Row & string)[];
}
