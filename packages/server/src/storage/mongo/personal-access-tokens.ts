// PersonalAccessTokenStore over MongoDB: _id = token id, unique index on digest. Reads only
// ever see live tokens (not revoked, not expired).
import type { Db, Filter } from 'mongodb';
import type {
  PersonalAccessTokenRecord,
  PersonalAccessTokenStore,
} from '../../domains/tokens/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';
import { allOf, keyset } from './query.js';

export type PatDoc = Omit<PersonalAccessTokenRecord, 'id'> & { _id: string };

const fromDoc = (d: PatDoc): PersonalAccessTokenRecord => ({
  id: d._id,
  userId: d.userId,
  clientId: d.clientId,
  name: d.name,
  scope: d.scope,
  digest: d.digest,
  hint: d.hint,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt ?? null,
  lastUsedAt: d.lastUsedAt ?? null,
  revokedAt: d.revokedAt ?? null,
});

/** Not revoked, and either no expiry or an expiry still ahead. */
const live = (): Filter<PatDoc> => ({
  revokedAt: null,
  $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }],
});

export function mongoPersonalAccessTokenStore(db: Db): PersonalAccessTokenStore {
  const pats = db.collection<PatDoc>(C.personalAccessTokens);
  const findLive = async (filter: Filter<PatDoc>) => {
    const doc = await pats.findOne(allOf(filter, live()) as Filter<PatDoc>);
    return doc ? fromDoc(doc) : undefined;
  };
  const revokeWhere = async (filter: Filter<PatDoc>) => {
    const query = allOf(filter, live()) as Filter<PatDoc>;
    return (await pats.updateMany(query, { $set: { revokedAt: new Date() } })).modifiedCount;
  };

  return {
    async create(token) {
      const doc: PatDoc = {
        _id: token.id,
        userId: token.userId,
        clientId: token.clientId,
        name: token.name,
        scope: token.scope,
        digest: token.digest,
        hint: token.hint,
        createdAt: new Date(),
        expiresAt: token.expiresAt,
        lastUsedAt: null,
        revokedAt: null,
      };
      try {
        await pats.insertOne(doc);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // FerretDB's error does not name the index: ask which key is taken.
        const digestTaken = (await pats.countDocuments({ digest: doc.digest }, { limit: 1 })) > 0;
        throw new DuplicateKeyError(digestTaken ? 'token' : 'id');
      }
      return fromDoc(doc);
    },
    get: (id) => findLive({ _id: id }),
    findByDigest: (digest) => findLive({ digest }),
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const query = allOf(
        live(),
        filter.userId === undefined ? {} : { userId: filter.userId },
        filter.clientId === undefined ? {} : { clientId: filter.clientId },
        filter.unusedSince === undefined
          ? {}
          : { $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: filter.unusedSince } }] },
        filter.neverUsed === undefined
          ? {}
          : { lastUsedAt: filter.neverUsed ? null : { $ne: null } },
        filter.expiringBefore === undefined
          ? {}
          : { expiresAt: { $ne: null, $lt: filter.expiringBefore } },
        keyset(cursorPosition(filter.cursor), '_id'),
      ) as Filter<PatDoc>;
      const docs = await pats
        .find(query)
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit + 1)
        .toArray();
      return toPage(docs.map(fromDoc), limit, (t) => t.id);
    },
    revoke: async (id) => (await revokeWhere({ _id: id })) > 0,
    revokeMany: async (ids) => (ids.length === 0 ? 0 : revokeWhere({ _id: { $in: ids } })),
    revokeForClient: (clientId) => revokeWhere({ clientId }),
    revokeForUser: (userId) => revokeWhere({ userId }),
    async touch(id, at) {
      await pats.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
    },
  };
}
