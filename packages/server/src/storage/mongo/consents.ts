// ConsentStore over MongoDB: one document per (user, client); _id encodes the pair so an upsert
// can never create a second one.
import type { Db, Filter } from 'mongodb';
import type { ConsentRecord, ConsentStore } from '../../domains/oauth/store.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';
import { allOf, keyset } from './query.js';

export type ConsentDoc = ConsentRecord & { _id: string };

const idOf = (userId: string, clientId: string) => JSON.stringify([userId, clientId]);

const fromDoc = (d: ConsentDoc): ConsentRecord => ({
  userId: d.userId,
  clientId: d.clientId,
  scope: d.scope,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export function mongoConsentStore(db: Db): ConsentStore {
  const consents = db.collection<ConsentDoc>(C.consents);
  const upsertOnce = (userId: string, clientId: string, scope: string, upsert: boolean) => {
    const now = new Date();
    return consents.findOneAndUpdate(
      { _id: idOf(userId, clientId) },
      { $set: { scope, updatedAt: now }, $setOnInsert: { userId, clientId, createdAt: now } },
      { upsert, returnDocument: 'after' },
    );
  };

  return {
    async upsert(userId, clientId, scope) {
      let doc: ConsentDoc | null;
      try {
        doc = await upsertOnce(userId, clientId, scope, true);
      } catch (error) {
        // Two first consents at once: the loser's insert collides, so it updates instead.
        if (!isDuplicateKey(error)) throw error;
        doc = await upsertOnce(userId, clientId, scope, false);
      }
      if (!doc) throw new Error('consent upsert returned no document');
      return fromDoc(doc);
    },
    async get(userId, clientId) {
      const doc = await consents.findOne({ _id: idOf(userId, clientId) });
      return doc ? fromDoc(doc) : undefined;
    },
    async listForUser(userId, page) {
      const limit = pageLimit(page.limit);
      const query = allOf(
        { userId },
        keyset(cursorPosition(page.cursor), 'clientId'),
      ) as Filter<ConsentDoc>;
      const docs = await consents
        .find(query)
        .sort({ createdAt: 1, clientId: 1 })
        .limit(limit + 1)
        .toArray();
      return toPage(docs.map(fromDoc), limit, (c) => c.clientId);
    },
    async delete(userId, clientId) {
      return (await consents.deleteOne({ _id: idOf(userId, clientId) })).deletedCount > 0;
    },
    async deleteForClient(clientId) {
      return (await consents.deleteMany({ clientId })).deletedCount;
    },
  };
}
