// AuditStore over MongoDB: append-only; listed newest first by (createdAt, _id) descending.
// Details are stored as JSON text: arbitrary keys ("a.b", "$x") are not valid field names on
// every server, and JSON gives the same round-trip as the SQLite adapter.
import type { Db, Filter } from 'mongodb';
import type { AuditEventRecord, AuditStore } from '../../domains/audit/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';
import { allOf, keyset } from './query.js';

export interface AuditDoc {
  _id: string;
  type: string;
  actor: AuditEventRecord['actor'];
  target: AuditEventRecord['target'];
  ip: string | null;
  userAgent: string | null;
  details: string;
  createdAt: Date;
}

const fromDoc = (d: AuditDoc): AuditEventRecord => ({
  id: d._id,
  type: d.type,
  actor: { type: d.actor.type, id: d.actor.id ?? null, name: d.actor.name ?? null },
  target: d.target ? { type: d.target.type, id: d.target.id } : null,
  ip: d.ip ?? null,
  userAgent: d.userAgent ?? null,
  details: JSON.parse(d.details) as Record<string, unknown>,
  createdAt: d.createdAt,
});

export function mongoAuditStore(db: Db): AuditStore {
  const events = db.collection<AuditDoc>(C.audit);
  return {
    async append(event) {
      const doc: AuditDoc = {
        _id: event.id,
        type: event.type,
        actor: { type: event.actor.type, id: event.actor.id, name: event.actor.name },
        target: event.target ? { type: event.target.type, id: event.target.id } : null,
        ip: event.ip,
        userAgent: event.userAgent,
        details: JSON.stringify(event.details),
        createdAt: new Date(),
      };
      try {
        await events.insertOne(doc);
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError('id');
        throw error;
      }
      return fromDoc(doc);
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const createdAt = {
        ...(filter.since ? { $gte: filter.since } : {}),
        ...(filter.until ? { $lt: filter.until } : {}),
      };
      const query = allOf(
        filter.type === undefined ? {} : { type: filter.type },
        filter.actorId === undefined ? {} : { 'actor.id': filter.actorId },
        filter.targetType === undefined ? {} : { 'target.type': filter.targetType },
        filter.targetId === undefined ? {} : { 'target.id': filter.targetId },
        Object.keys(createdAt).length === 0 ? {} : { createdAt },
        keyset(cursorPosition(filter.cursor), '_id', -1),
      ) as Filter<AuditDoc>;
      const docs = await events
        .find(query)
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit + 1)
        .toArray();
      return toPage(docs.map(fromDoc), limit, (e) => e.id);
    },
  };
}
