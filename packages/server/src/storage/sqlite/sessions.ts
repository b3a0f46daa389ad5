// LoginSessionStore over SQLite. An expired session is never returned.
import type Database from 'better-sqlite3';
import type { LoginSessionRecord, LoginSessionStore } from '../../domains/oauth/store.js';
import { date, ms, withConstraints } from './sql.js';

interface SessionRow {
  digest: string;
  user_id: string;
  csrf_secret: string;
  created_at: number;
  expires_at: number;
}

const fromRow = (r: SessionRow): LoginSessionRecord => ({
  digest: r.digest,
  userId: r.user_id,
  csrfSecret: r.csrf_secret,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
});

export function sqliteLoginSessionStore(db: Database.Database): LoginSessionStore {
  const insert = db.prepare<SessionRow>(`
    INSERT INTO login_sessions (digest, user_id, csrf_secret, created_at, expires_at)
    VALUES (@digest, @user_id, @csrf_secret, @created_at, @expires_at)`);
  const get = db.prepare<{ digest: string; now: number }, SessionRow>(
    'SELECT * FROM login_sessions WHERE digest = @digest AND expires_at > @now',
  );
  const remove = db.prepare<[string]>('DELETE FROM login_sessions WHERE digest = ?');
  const removeForUser = db.prepare<[string]>('DELETE FROM login_sessions WHERE user_id = ?');

  return {
    async create(session) {
      const row: SessionRow = {
        digest: session.digest,
        user_id: session.userId,
        csrf_secret: session.csrfSecret,
        created_at: Date.now(),
        expires_at: ms(session.expiresAt),
      };
      withConstraints({ unique: { 'login_sessions.digest': 'session' }, references: 'user' }, () =>
        insert.run(row),
      );
      return fromRow(row);
    },
    async get(digest) {
      const row = get.get({ digest, now: Date.now() });
      return row && fromRow(row);
    },
    async delete(digest) {
      return remove.run(digest).changes > 0;
    },
    async deleteForUser(userId) {
      return removeForUser.run(userId).changes;
    },
  };
}
