// AuthorizationCodeStore over SQLite. Redemption is one conditional UPDATE (SQLite serialises
// writers), recording the grant so a replay can revoke it (RFC 6749 §4.1.2).
import type Database from 'better-sqlite3';
import type { AuthorizationCodeRecord, AuthorizationCodeStore } from '../../domains/oauth/store.js';
import { columns, date, insertSql, ms, withConstraints } from './sql.js';

interface CodeRow {
  digest: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  scope: string;
  code_challenge: string | null;
  created_at: number;
  expires_at: number;
}

const toRow = (c: AuthorizationCodeRecord): CodeRow => ({
  digest: c.digest,
  client_id: c.clientId,
  user_id: c.userId,
  redirect_uri: c.redirectUri,
  scope: c.scope,
  code_challenge: c.codeChallenge,
  created_at: ms(c.createdAt),
  expires_at: ms(c.expiresAt),
});

const fromRow = (r: CodeRow): AuthorizationCodeRecord => ({
  digest: r.digest,
  clientId: r.client_id,
  userId: r.user_id,
  redirectUri: r.redirect_uri,
  scope: r.scope,
  codeChallenge: r.code_challenge,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
});

const COLUMNS = columns<CodeRow>({
  digest: true,
  client_id: true,
  user_id: true,
  redirect_uri: true,
  scope: true,
  code_challenge: true,
  created_at: true,
  expires_at: true,
});
const CONSTRAINTS = {
  unique: { 'authorization_codes.digest': 'code' },
  references: 'client or user',
};

export function sqliteAuthorizationCodeStore(db: Database.Database): AuthorizationCodeStore {
  const insert = db.prepare<CodeRow>(insertSql('authorization_codes', COLUMNS));
  const claim = db.prepare<{ digest: string; grant_id: string; now: number }, CodeRow>(`
    UPDATE authorization_codes SET redeemed_at = @now, redeemed_grant_id = @grant_id
    WHERE digest = @digest AND redeemed_grant_id IS NULL AND expires_at > @now
    RETURNING *`);
  // A replay is reported even after expiry: the winner's grant must still be revocable.
  const winner = db.prepare<[string], { redeemed_grant_id: string | null }>(
    'SELECT redeemed_grant_id FROM authorization_codes WHERE digest = ?',
  );

  return {
    async insert(code) {
      const row = toRow({ ...code, createdAt: new Date() });
      withConstraints(CONSTRAINTS, () => insert.run(row));
      return fromRow(row);
    },
    async redeem(digest, grantId, now) {
      const won = claim.get({ digest, grant_id: grantId, now: ms(now) });
      if (won) return { won: true, code: fromRow(won) };
      const grant = winner.get(digest)?.redeemed_grant_id;
      return grant ? { won: false, grantId: grant } : undefined;
    },
  };
}
