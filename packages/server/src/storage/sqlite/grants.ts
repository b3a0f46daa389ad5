// GrantStore over SQLite. Expired grants are invisible to every read and write.
import type Database from 'better-sqlite3';
import type { GrantRecord, GrantStore } from '../../domains/tokens/store.js';
import type { GroupCommit } from './group-commit.js';
import { columns, date, dateOrNull, insertSql, ms, msOrNull, withConstraints } from './sql.js';

interface GrantRow {
  id: string;
  client_id: string;
  user_id: string | null;
  scope: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** The row this store writes for a record (the bench's growth script writes the same). */
export const grantRow = (g: GrantRecord): GrantRow => ({
  id: g.id,
  client_id: g.clientId,
  user_id: g.userId,
  scope: g.scope,
  created_at: ms(g.createdAt),
  expires_at: ms(g.expiresAt),
  revoked_at: msOrNull(g.revokedAt),
});

const fromRow = (r: GrantRow): GrantRecord => ({
  id: r.id,
  clientId: r.client_id,
  userId: r.user_id,
  scope: r.scope,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  revokedAt: dateOrNull(r.revoked_at),
});

const COLUMNS = columns<GrantRow>({
  id: true,
  client_id: true,
  user_id: true,
  scope: true,
  created_at: true,
  expires_at: true,
  revoked_at: true,
});
const CONSTRAINTS = { unique: { 'grants.id': 'id' }, references: 'client or user' };
const LIVE = 'revoked_at IS NULL AND expires_at > @now';

export function sqliteGrantStore(db: Database.Database, writes: GroupCommit): GrantStore {
  const insert = db.prepare<GrantRow>(insertSql('grants', COLUMNS));
  const byId = db.prepare<{ id: string; now: number }, GrantRow>(
    'SELECT * FROM grants WHERE id = @id AND expires_at > @now',
  );
  const revoke = (where: string) =>
    db.prepare(`UPDATE grants SET revoked_at = @now WHERE ${where} AND ${LIVE}`);
  const revokeOne = revoke('id = @id');
  const revokeUserClient = revoke('user_id = @user_id AND client_id = @client_id');
  const revokeClient = revoke('client_id = @client_id');
  const revokeUser = revoke('user_id = @user_id');

  return {
    async create(grant) {
      const row = grantRow({ ...grant, createdAt: new Date(), revokedAt: null });
      await writes.run(() => withConstraints(CONSTRAINTS, () => insert.run(row)));
      return fromRow(row);
    },
    async get(id) {
      const row = byId.get({ id, now: Date.now() });
      return row && fromRow(row);
    },
    async revoke(id) {
      return revokeOne.run({ id, now: Date.now() }).changes > 0;
    },
    async revokeForUserAndClient(userId, clientId) {
      return revokeUserClient.run({ user_id: userId, client_id: clientId, now: Date.now() })
        .changes;
    },
    async revokeForClient(clientId) {
      return revokeClient.run({ client_id: clientId, now: Date.now() }).changes;
    },
    async revokeForUser(userId) {
      return revokeUser.run({ user_id: userId, now: Date.now() }).changes;
    },
  };
}
