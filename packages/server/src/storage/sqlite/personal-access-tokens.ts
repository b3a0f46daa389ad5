// PersonalAccessTokenStore over SQLite. Reads only ever see live tokens (not revoked, not expired).
import type Database from 'better-sqlite3';
import type {
  PersonalAccessTokenRecord,
  PersonalAccessTokenStore,
} from '../../domains/tokens/store.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
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
  withConstraints,
} from './sql.js';

interface PatRow {
  id: string;
  user_id: string;
  client_id: string;
  name: string;
  scope: string;
  digest: string;
  hint: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** The row this store writes for a record (the bench's growth script writes the same). */
export const patRow = (t: PersonalAccessTokenRecord): PatRow => ({
  id: t.id,
  user_id: t.userId,
  client_id: t.clientId,
  name: t.name,
  scope: t.scope,
  digest: t.digest,
  hint: t.hint,
  created_at: ms(t.createdAt),
  expires_at: msOrNull(t.expiresAt),
  last_used_at: msOrNull(t.lastUsedAt),
  revoked_at: msOrNull(t.revokedAt),
});

const fromRow = (r: PatRow): PersonalAccessTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  clientId: r.client_id,
  name: r.name,
  scope: r.scope,
  digest: r.digest,
  hint: r.hint,
  createdAt: date(r.created_at),
  expiresAt: dateOrNull(r.expires_at),
  lastUsedAt: dateOrNull(r.last_used_at),
  revokedAt: dateOrNull(r.revoked_at),
});

const COLUMNS = columns<PatRow>({
  id: true,
  user_id: true,
  client_id: true,
  name: true,
  scope: true,
  digest: true,
  hint: true,
  created_at: true,
  expires_at: true,
  last_used_at: true,
  revoked_at: true,
});
const CONSTRAINTS = {
  unique: { 'personal_access_tokens.digest': 'token', 'personal_access_tokens.id': 'id' },
  references: 'client or user',
};
const LIVE = 'revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)';

interface ListParams {
  now: number;
  user_id: string | null;
  client_id: string | null;
  unused_since: number | null;
  never_used: number | null;
  expiring_before: number | null;
  after_created: number | null;
  after_id: string | null;
  limit: number;
}

export function sqlitePersonalAccessTokenStore(db: Database.Database): PersonalAccessTokenStore {
  const insert = db.prepare<PatRow>(insertSql('personal_access_tokens', COLUMNS));
  const byId = db.prepare<{ id: string; now: number }, PatRow>(
    `SELECT * FROM personal_access_tokens WHERE id = @id AND ${LIVE}`,
  );
  const byDigest = db.prepare<{ digest: string; now: number }, PatRow>(
    `SELECT * FROM personal_access_tokens WHERE digest = @digest AND ${LIVE}`,
  );
  const list = filteredQuery<ListParams, PatRow>(
    db,
    (where) => `SELECT * FROM personal_access_tokens ${where} ORDER BY created_at, id LIMIT @limit`,
    {
      user_id: 'user_id = @user_id',
      client_id: 'client_id = @client_id',
      unused_since: '(last_used_at IS NULL OR last_used_at < @unused_since)',
      never_used: '(last_used_at IS NULL) = @never_used',
      expiring_before: 'expires_at < @expiring_before',
      after_created: afterCursor('id'),
    },
    [LIVE],
  );
  const revoke = (where: string) =>
    db.prepare(`UPDATE personal_access_tokens SET revoked_at = @now WHERE ${where} AND ${LIVE}`);
  const revokeOne = revoke('id = @id');
  // One statement for any number of ids: they travel as a JSON array.
  const revokeIds = revoke('id IN (SELECT value FROM json_each(@ids))');
  const revokeClient = revoke('client_id = @client_id');
  const revokeUser = revoke('user_id = @user_id');
  const touch = db.prepare<{ id: string; at: number }>(
    'UPDATE personal_access_tokens SET last_used_at = @at WHERE id = @id',
  );

  return {
    async create(token) {
      const row = patRow({ ...token, createdAt: new Date(), lastUsedAt: null, revokedAt: null });
      withConstraints(CONSTRAINTS, () => insert.run(row));
      return fromRow(row);
    },
    async get(id) {
      const row = byId.get({ id, now: Date.now() });
      return row && fromRow(row);
    },
    async findByDigest(digest) {
      const row = byDigest.get({ digest, now: Date.now() });
      return row && fromRow(row);
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const rows = list({
        now: Date.now(),
        user_id: filter.userId ?? null,
        client_id: filter.clientId ?? null,
        unused_since: filter.unusedSince ? ms(filter.unusedSince) : null,
        never_used: filter.neverUsed === undefined ? null : flag(filter.neverUsed),
        expiring_before: filter.expiringBefore ? ms(filter.expiringBefore) : null,
        ...pageParams(cursorPosition(filter.cursor), limit),
      });
      return toPage(rows.map(fromRow), limit, (t) => t.id);
    },
    async revoke(id) {
      return revokeOne.run({ id, now: Date.now() }).changes > 0;
    },
    async revokeMany(ids) {
      if (ids.length === 0) return 0;
      return revokeIds.run({ ids: JSON.stringify(ids), now: Date.now() }).changes;
    },
    async revokeForClient(clientId) {
      return revokeClient.run({ client_id: clientId, now: Date.now() }).changes;
    },
    async revokeForUser(userId) {
      return revokeUser.run({ user_id: userId, now: Date.now() }).changes;
    },
    async touch(id, at) {
      touch.run({ id, at: ms(at) });
    },
  };
}
