// SQLite-only behaviour: the file, its pragmas and versioned migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newClient } from '../contract/fixtures.js';
import { openStores } from '../index.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openSqlite } from './index.js';

describe('openSqlite', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-sqlite-'));
    dirs.push(dir);
    return join(dir, 'nested', 'deeper', 'latchkey.db');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent directory and uses WAL', async () => {
    const file = tempFile();
    const stores = openSqlite(file);
    await stores.ping();
    await stores.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('records each migration once and keeps data across restarts', async () => {
    const file = tempFile();
    const first = openSqlite(file);
    const client = await first.clients.create(newClient());
    await first.close();
    const second = openSqlite(file);
    expect(await second.clients.get(client.clientId)).toEqual(client);
    await second.close();

    const db = new Database(file);
    const versions = db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]); // nothing left to apply
    db.close();
  });

  it('turns foreign keys on, so a grant for an unknown client is refused', async () => {
    const stores = openSqlite(':memory:');
    await expect(
      stores.grants.create({
        id: 'gr_x',
        clientId: 'cl_missing',
        userId: null,
        scope: 'read',
        expiresAt: new Date(Date.now() + 60_000),
      }),
    ).rejects.toMatchObject({ status: 404 });
    await stores.close();
  });

  it('is what openStores picks for sqlite: URLs', async () => {
    const stores = await openStores('sqlite::memory:');
    await stores.ping();
    expect(await stores.users.count()).toBe(0);
    await stores.close();
  });
});
