// GrantStore over MongoDB: _id = grant id. Expired grants are invisible to reads and writes.
import type { Db } from 'mongodb';
import type { GrantRecord, GrantStore } from '../../domains/tokens/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { batchedInsert } from './batched-insert.js';
import { C } from './collections.js';

export type GrantDoc = Omit<GrantRecord, 'id'> & { _id: string };

const fromDoc = (d: GrantDoc): GrantRecord => ({
  id: d._id,
  clientId: d.clientId,
  userId: d.userId ?? null,
  scope: d.scope,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
  revokedAt: d.revokedAt ?? null,
});

export function mongoGrantStore(db: Db): GrantStore {
  const grants = db.collection<GrantDoc>(C.grants);
  const insert = batchedInsert(grants);
  const live = () => ({ revokedAt: null, expiresAt: { $gt: new Date() } });
  const revokeWhere = async (owner: Partial<Pick<GrantDoc, '_id' | 'userId' | 'clientId'>>) => {
    const { modifiedCount } = await grants.updateMany(
      { ...owner, ...live() },
      { $set: { revokedAt: new Date() } },
    );
    return modifiedCount;
  };

  return {
    async create(grant) {
      const doc: GrantDoc = {
        _id: grant.id,
        clientId: grant.clientId,
        userId: grant.userId,
        scope: grant.scope,
        createdAt: new Date(),
        expiresAt: grant.expiresAt,
        revokedAt: null,
      };
      if ((await insert(doc)) === 'duplicate') throw new DuplicateKeyError('id');
      return fromDoc(doc);
    },
    async get(id) {
      const doc = await grants.findOne({ _id: id, expiresAt: { $gt: new Date() } });
      return doc ? fromDoc(doc) : undefined;
    },
    async revoke(id) {
      return (await revokeWhere({ _id: id })) > 0;
    },
    revokeForUserAndClient: (userId, clientId) => revokeWhere({ userId, clientId }),
    revokeForClient: (clientId) => revokeWhere({ clientId }),
    revokeForUser: (userId) => revokeWhere({ userId }),
  };
}
