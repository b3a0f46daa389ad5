// Versioned schema migrations, applied at start. Each runs in its own IMMEDIATE transaction
// that re-checks schema_migrations, so processes starting together apply it exactly once.
// Never edit a released migration: append a new one.
import type Database from 'better-sqlite3';
import { SCHEMA_V1 } from './schema-v1.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: SCHEMA_V1 },
  {
    version: 2,
    name: 'client token generation (client_credentials tokens are not stored)',
    sql: 'ALTER TABLE clients ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0',
  },
];

export function migrate(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const isApplied = db.prepare<[number], { version: number }>(
    'SELECT version FROM schema_migrations WHERE version = ?',
  );
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    });
    apply.immediate();
  }
  return applied;
}
