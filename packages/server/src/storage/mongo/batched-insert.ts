// Inserts made in the same turn of the event loop go to the server as one unordered insertMany:
// one round trip and one journal commit for a batch of tokens instead of one per token. Each
// caller learns its own document's fate: inserted, a duplicate key, or the batch's failure.
import { MongoBulkWriteError, type Collection, type Document } from 'mongodb';

export type InsertOutcome = 'inserted' | 'duplicate';

interface Pending<T> {
  doc: T;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

export function batchedInsert<T extends Document & { _id: string }>(
  collection: Collection<T>,
): (doc: T) => Promise<InsertOutcome> {
  let queue: Pending<T>[] = [];

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    try {
      await collection.insertMany(batch.map((p) => p.doc) as never, { ordered: false });
      for (const p of batch) p.resolve('inserted');
    } catch (error) {
      const failed = failures(error);
      if (!failed) {
        for (const p of batch) p.reject(error);
        return;
      }
      batch.forEach((p, i) => {
        const code = failed.get(i);
        if (code === undefined) p.resolve('inserted');
        else if (code === 11000) p.resolve('duplicate');
        else p.reject(error);
      });
    }
  }

  return (doc) =>
    new Promise((resolve, reject) => {
      queue.push({ doc, resolve, reject });
      if (queue.length === 1) setImmediate(() => void flush());
    });
}

/** Per-document error codes of an unordered insert; undefined when the batch as a whole failed. */
function failures(error: unknown): Map<number, number> | undefined {
  if (!(error instanceof MongoBulkWriteError) || error.writeConcernError) return undefined;
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return new Map(errors.map((e) => [e.index, e.code]));
}
