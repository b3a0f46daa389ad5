// Opportunistic clean-up of expired rows. Reads filter out expired records themselves, so this
// only reclaims space; it never decides what is valid.
import type Database from 'better-sqlite3';
import { PURGE_INTERVAL_MS, REDEEMED_CODE_RETENTION_MS } from '../retention.js';

export function startPurge(db: Database.Database): () => void {
  const statements = [
    db.prepare('DELETE FROM login_sessions WHERE expires_at <= @now'),
    db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= @now'),
    // Cascades to the grant's refresh tokens.
    db.prepare('DELETE FROM grants WHERE expires_at <= @now'),
    db.prepare('DELETE FROM personal_access_tokens WHERE expires_at <= @now'),
    // A redeemed code is kept a while longer so a replay can still revoke its grant.
    db.prepare(`DELETE FROM authorization_codes
      WHERE expires_at <= @now AND (redeemed_grant_id IS NULL OR expires_at <= @now - ${REDEEMED_CODE_RETENTION_MS})`),
  ];
  const purge = db.transaction((now: number) => {
    for (const statement of statements) statement.run({ now });
  });
  const timer = setInterval(() => {
    try {
      purge(Date.now());
    } catch {
      // SQLITE_BUSY under load: the next round will catch up.
    }
  }, PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
