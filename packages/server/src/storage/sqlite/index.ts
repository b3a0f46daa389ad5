// Embedded SQLite store (better-sqlite3): a file with WAL, or :memory: for tests.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Stores } from '../index.js';
import { sqliteAuditStore } from './audit.js';
import { sqliteClientStore } from './clients.js';
import { sqliteAuthorizationCodeStore } from './codes.js';
import { sqliteConsentStore } from './consents.js';
import { sqliteGrantStore } from './grants.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrations.js';
import { sqlitePersonalAccessTokenStore } from './personal-access-tokens.js';
import { startPurge } from './purge.js';
import { sqliteRefreshTokenStore } from './refresh-tokens.js';
import { sqliteLoginSessionStore } from './sessions.js';
import { sqliteSigningKeyStore } from './signing-keys.js';
import { registerFunctions } from './sql.js';
import { sqliteUserStore } from './users.js';

const IN_MEMORY = ':memory:';

export function openSqlite(location: string): Stores {
  if (location !== IN_MEMORY) mkdirSync(dirname(location), { recursive: true });
  const db = new Database(location);
  try {
    // Several instances (or a CLI) may share the file: wait for a writer instead of failing.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    registerFunctions(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const stopPurge = startPurge(db);
  const select1 = db.prepare('SELECT 1');
  const writes = new GroupCommit(db);
  return {
    clients: sqliteClientStore(db),
    users: sqliteUserStore(db),
    grants: sqliteGrantStore(db, writes),
    refreshTokens: sqliteRefreshTokenStore(db, writes),
    personalAccessTokens: sqlitePersonalAccessTokenStore(db),
    authorizationCodes: sqliteAuthorizationCodeStore(db),
    consents: sqliteConsentStore(db),
    sessions: sqliteLoginSessionStore(db),
    signingKeys: sqliteSigningKeyStore(db),
    audit: sqliteAuditStore(db),
    ping: async () => {
      select1.get();
    },
    close: async () => {
      stopPurge();
      writes.flush();
      if (db.open) db.close();
    },
  };
}
