// ConsentStore over SQLite: one row per (user, client), upserted in one statement.
import type Database from 'better-sqlite3';
import type { ConsentRecord, ConsentStore } from '../../domains/oauth/store.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { afterCursorSql, date, pageParams, withConstraints } from './sql.js';

interface ConsentRow {
  user_id: string;
  client_id: string;
  scope: string;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: ConsentRow): ConsentRecord => ({
  userId: r.user_id,
  clientId: r.client_id,
  scope: r.scope,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

type Key = { user_id: string; client_id: string };
interface ListParams {
  user_id: string;
  after_created: number | null;
  after_id: string | null;
  limit: number;
}

export function sqliteConsentStore(db: Database.Database): ConsentStore {
  const upsert = db.prepare<Key & { scope: string; now: number }, ConsentRow>(`
    INSERT INTO consents (user_id, client_id, scope, created_at, updated_at)
    VALUES (@user_id, @client_id, @scope, @now, @now)
    ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, updated_at = excluded.updated_at
    RETURNING *`);
  const get = db.prepare<Key, ConsentRow>(
    'SELECT * FROM consents WHERE user_id = @user_id AND client_id = @client_id',
  );
  const remove = db.prepare<Key>(
    'DELETE FROM consents WHERE user_id = @user_id AND client_id = @client_id',
  );
  const removeForClient = db.prepare<[string]>('DELETE FROM consents WHERE client_id = ?');
  const list = db.prepare<ListParams, ConsentRow>(`
    SELECT * FROM consents WHERE user_id = @user_id AND ${afterCursorSql('client_id')}
    ORDER BY created_at, client_id LIMIT @limit`);

  return {
    async upsert(userId, clientId, scope) {
      const params = { user_id: userId, client_id: clientId, scope, now: Date.now() };
      const row = withConstraints({ unique: {}, references: 'client or user' }, () =>
        upsert.get(params),
      );
      if (!row) throw new Error('consent upsert returned no row');
      return fromRow(row);
    },
    async get(userId, clientId) {
      const row = get.get({ user_id: userId, client_id: clientId });
      return row && fromRow(row);
    },
    async listForUser(userId, page) {
      const limit = pageLimit(page.limit);
      const rows = list.all({ user_id: userId, ...pageParams(cursorPosition(page.cursor), limit) });
      return toPage(rows.map(fromRow), limit, (c) => c.clientId);
    },
    async delete(userId, clientId) {
      return remove.run({ user_id: userId, client_id: clientId }).changes > 0;
    },
    async deleteForClient(clientId) {
      return removeForClient.run(clientId).changes;
    },
  };
}
