// Periodic clean-up for servers without TTL indexes (FerretDB). It only reclaims space: every
// read filters out expired records itself.
import type { Db } from 'mongodb';
import { PURGE_INTERVAL_MS } from '../retention.js';
import { EXPIRY_FIELDS } from './indexes.js';

export function startPurge(db: Db): () => void {
  const purge = async () => {
    const now = new Date();
    await Promise.all(
      Object.entries(EXPIRY_FIELDS).map(([name, field]) =>
        db.collection(name).deleteMany({ [field]: { $lte: now } }),
      ),
    );
  };
  const timer = setInterval(() => {
    purge().catch(() => {
      // A failed round (e.g. a failover) is retried by the next one.
    });
  }, PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
