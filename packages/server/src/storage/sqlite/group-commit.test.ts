// Group commit: writes of one event-loop turn share a transaction, yet each fails alone.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  let db: Database.Database;
  let commits: number;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    commits = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = ((fn: () => unknown) => {
      const run = transaction(fn);
      return () => {
        commits++;
        return run();
      };
    }) as typeof db.transaction;
  });
  afterEach(() => db.close());

  it('commits the writes of one turn in one transaction, each settling with its own result', async () => {
    const writes = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
    const results = await Promise.allSettled(
      ['a', 'b', 'a', 'c'].map((id) => writes.run(() => insert.run(id).changes)),
    );
    expect(commits).toBe(1);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(db.prepare('SELECT id FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c']);
  });

  it('settles nothing before the commit, and commits queued writes before the database closes', async () => {
    const writes = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
    const pending = writes.run(() => insert.run('x'));
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    writes.flush();
    await pending;
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });

  it('fails the whole batch when the transaction itself cannot commit', async () => {
    const writes = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
    const ok = writes.run(() => insert.run('y'));
    const fatal = writes.run(() => {
      db.exec('ROLLBACK'); // what SQLite does on a full disk or an I/O error
      throw new Error('disk I/O error');
    });
    await expect(ok).rejects.toThrow();
    await expect(fatal).rejects.toThrow();
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
