// LoginSessionStore over MongoDB: _id = digest. An expired session is never returned.
import type { Db } from 'mongodb';
import type { LoginSessionRecord, LoginSessionStore } from '../../domains/oauth/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';

export type SessionDoc = Omit<LoginSessionRecord, 'digest'> & { _id: string };

const fromDoc = (d: SessionDoc): LoginSessionRecord => ({
  digest: d._id,
  userId: d.userId,
  csrfSecret: d.csrfSecret,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
});

export function mongoLoginSessionStore(db: Db): LoginSessionStore {
  const sessions = db.collection<SessionDoc>(C.sessions);
  return {
    async create(session) {
      const doc: SessionDoc = {
        _id: session.digest,
        userId: session.userId,
        csrfSecret: session.csrfSecret,
        createdAt: new Date(),
        expiresAt: session.expiresAt,
      };
      try {
        await sessions.insertOne(doc);
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError('session');
        throw error;
      }
      return fromDoc(doc);
    },
    async get(digest) {
      const doc = await sessions.findOne({ _id: digest, expiresAt: { $gt: new Date() } });
      return doc ? fromDoc(doc) : undefined;
    },
    async delete(digest) {
      return (await sessions.deleteOne({ _id: digest })).deletedCount > 0;
    },
    async deleteForUser(userId) {
      return (await sessions.deleteMany({ userId })).deletedCount;
    },
  };
}
