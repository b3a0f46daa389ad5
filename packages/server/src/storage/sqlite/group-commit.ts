// Group commit: inserts made in the same turn of the event loop are committed together, in one
// transaction, and each caller's promise settles only once that transaction is durable. Every
// commit of a WAL database waits for the disk; under load, one wait for a batch of tokens
// instead of one per token (better-sqlite3 is synchronous, so each wait stalls the loop).
import type Database from 'better-sqlite3';

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];

  constructor(private readonly db: Database.Database) {}

  /** Runs `write` inside the next group transaction; a failing write fails alone. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before the database closes). */
  flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (!this.db.open) {
      for (const item of batch) item.reject(new Error('The database is closed.'));
      return;
    }
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: item.write() });
          } catch (error) {
            // A constraint failure undoes only its statement; anything that ended the
            // transaction (disk full, I/O error) fails the whole batch below.
            if (!this.db.inTransaction) throw error;
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
  }
}
