// UserStore over SQLite. Usernames are unique case-insensitively (COLLATE NOCASE; the API
// restricts them to ASCII, where NOCASE is exact).
import type Database from 'better-sqlite3';
import type { Role } from '../../lib/operation.js';
import type { UserRecord, UserStore } from '../../domains/users/store.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { definedOnly } from '../records.js';
import {
  afterCursor,
  columns,
  date,
  dateOrNull,
  filteredQuery,
  flag,
  insertSql,
  ms,
  msOrNull,
  pageParams,
  setSql,
  withConstraints,
} from './sql.js';

interface UserRow {
  id: string;
  username: string;
  email: string | null;
  display_name: string | null;
  role: string;
  disabled: number;
  password_hash: string | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

/** The row this store writes for a record (the bench's growth script writes the same). */
export const userRow = (u: UserRecord): UserRow => ({
  id: u.id,
  username: u.username,
  email: u.email,
  display_name: u.displayName,
  role: u.role,
  disabled: flag(u.disabled),
  password_hash: u.passwordHash,
  failed_logins: u.failedLogins,
  locked_until: msOrNull(u.lockedUntil),
  created_at: ms(u.createdAt),
  updated_at: ms(u.updatedAt),
});

const fromRow = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  email: r.email,
  displayName: r.display_name,
  role: r.role as Role,
  disabled: r.disabled === 1,
  passwordHash: r.password_hash,
  failedLogins: r.failed_logins,
  lockedUntil: dateOrNull(r.locked_until),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

const COLUMNS = columns<UserRow>({
  id: true,
  username: true,
  email: true,
  display_name: true,
  role: true,
  disabled: true,
  password_hash: true,
  failed_logins: true,
  locked_until: true,
  created_at: true,
  updated_at: true,
});
const EDITABLE = [
  'username',
  'email',
  'display_name',
  'role',
  'disabled',
  'password_hash',
  'updated_at',
];
const UNIQUE = { unique: { 'users.username': 'username', 'users.id': 'id' } };

interface ListParams {
  q: string | null;
  role: string | null;
  disabled: number | null;
  after_created: number | null;
  after_id: string | null;
  limit: number;
}

export function sqliteUserStore(db: Database.Database): UserStore {
  const insert = db.prepare<UserRow>(insertSql('users', COLUMNS));
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  // The column's NOCASE collation makes this comparison case-insensitive.
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const rewrite = db.prepare<UserRow>(`UPDATE users ${setSql(EDITABLE)} WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM users WHERE id = ?');
  // One statement: the count and the lock cannot interleave with another failed login.
  const failed = db.prepare<{ id: string; threshold: number; lock_until: number }, UserRow>(`
    UPDATE users SET
      failed_logins = CASE WHEN failed_logins + 1 >= @threshold THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= @threshold THEN @lock_until ELSE locked_until END
    WHERE id = @id RETURNING *`);
  const cleared = db.prepare<[string]>(
    'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?',
  );
  const list = filteredQuery<ListParams, UserRow>(
    db,
    (where) => `SELECT * FROM users ${where} ORDER BY created_at, id LIMIT @limit`,
    {
      q: `(instr(unicode_lower(username), @q) > 0
          OR instr(unicode_lower(coalesce(email, '')), @q) > 0
          OR instr(unicode_lower(coalesce(display_name, '')), @q) > 0)`,
      role: 'role = @role',
      disabled: 'disabled = @disabled',
      after_created: afterCursor('id'),
    },
  );
  const update = db.transaction((id: string, patch: object): UserRecord | undefined => {
    const row = byId.get(id);
    if (!row) return undefined;
    const next: UserRecord = { ...fromRow(row), ...definedOnly(patch), id, updatedAt: new Date() };
    withConstraints(UNIQUE, () => rewrite.run(userRow(next)));
    return next;
  });

  return {
    async create(user) {
      const now = new Date();
      const row = userRow({
        ...user,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      });
      withConstraints(UNIQUE, () => insert.run(row));
      return fromRow(row);
    },
    async get(id) {
      const row = byId.get(id);
      return row && fromRow(row);
    },
    async getByUsername(username) {
      const row = byUsername.get(username);
      return row && fromRow(row);
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const rows = list({
        q: filter.q === undefined ? null : filter.q.toLowerCase(),
        role: filter.role ?? null,
        disabled: filter.disabled === undefined ? null : flag(filter.disabled),
        ...pageParams(cursorPosition(filter.cursor), limit),
      });
      return toPage(rows.map(fromRow), limit, (u) => u.id);
    },
    async count() {
      return countAll.get()?.n ?? 0;
    },
    async update(id, patch) {
      const { username, email, displayName, role, disabled, passwordHash } = patch;
      const updated = update.immediate(id, {
        username,
        email,
        displayName,
        role,
        disabled,
        passwordHash,
      });
      return updated && fromRow(userRow(updated));
    },
    async delete(id) {
      // ON DELETE CASCADE removes codes, grants (and refresh tokens), PATs, consents, sessions.
      return remove.run(id).changes > 0;
    },
    async recordFailedLogin(id, threshold, lockUntil) {
      const row = failed.get({ id, threshold, lock_until: ms(lockUntil) });
      return row && fromRow(row);
    },
    async clearFailedLogins(id) {
      cleared.run(id);
    },
  };
}
