// RefreshTokenStore over SQLite. Rotation is one conditional UPDATE: SQLite serialises writers,
// so exactly one caller changes the row (RFC 9700 §4.14.2 refresh token rotation).
import type Database from 'better-sqlite3';
import type { RefreshTokenRecord, RefreshTokenStore } from '../../domains/tokens/store.js';
import type { GroupCommit } from './group-commit.js';
import { columns, date, dateOrNull, insertSql, ms, msOrNull, withConstraints } from './sql.js';

interface RefreshTokenRow {
  digest: string;
  grant_id: string;
  client_id: string;
  user_id: string | null;
  scope: string;
  created_at: number;
  expires_at: number;
  rotated_at: number | null;
}

/** The row this store writes for a record (the bench's growth script writes the same). */
export const refreshTokenRow = (t: RefreshTokenRecord): RefreshTokenRow => ({
  digest: t.digest,
  grant_id: t.grantId,
  client_id: t.clientId,
  user_id: t.userId,
  scope: t.scope,
  created_at: ms(t.createdAt),
  expires_at: ms(t.expiresAt),
  rotated_at: msOrNull(t.rotatedAt),
});

const fromRow = (r: RefreshTokenRow): RefreshTokenRecord => ({
  digest: r.digest,
  grantId: r.grant_id,
  clientId: r.client_id,
  userId: r.user_id,
  scope: r.scope,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  rotatedAt: dateOrNull(r.rotated_at),
});

const COLUMNS = columns<RefreshTokenRow>({
  digest: true,
  grant_id: true,
  client_id: true,
  user_id: true,
  scope: true,
  created_at: true,
  expires_at: true,
  rotated_at: true,
});
const CONSTRAINTS = {
  unique: { 'refresh_tokens.digest': 'refresh_token' },
  references: 'grant, client or user',
};

type Key = { digest: string; now: number };

export function sqliteRefreshTokenStore(
  db: Database.Database,
  writes: GroupCommit,
): RefreshTokenStore {
  const insert = db.prepare<RefreshTokenRow>(insertSql('refresh_tokens', COLUMNS));
  const find = db.prepare<Key, RefreshTokenRow>(
    'SELECT * FROM refresh_tokens WHERE digest = @digest AND expires_at > @now',
  );
  const claim = db.prepare<Key, RefreshTokenRow>(`
    UPDATE refresh_tokens SET rotated_at = @now
    WHERE digest = @digest AND rotated_at IS NULL AND expires_at > @now
    RETURNING *`);

  return {
    async insert(token) {
      const row = refreshTokenRow({ ...token, createdAt: new Date(), rotatedAt: null });
      await writes.run(() => withConstraints(CONSTRAINTS, () => insert.run(row)));
      return fromRow(row);
    },
    async find(digest) {
      const row = find.get({ digest, now: Date.now() });
      return row && fromRow(row);
    },
    async rotate(digest, now) {
      const key = { digest, now: ms(now) };
      const won = claim.get(key);
      if (won) return { won: true, token: fromRow(won) };
      const lost = find.get(key);
      return lost && { won: false, token: fromRow(lost) };
    },
  };
}
