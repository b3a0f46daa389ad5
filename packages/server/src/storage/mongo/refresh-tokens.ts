// RefreshTokenStore over MongoDB: _id = digest. Rotation is decided by inserting a claim whose
// _id is the digest (refresh_rotations): a unique-_id insert has exactly one winner on any
// deployment, FerretDB included, where a conditional findOneAndUpdate can have several.
import type { Db } from 'mongodb';
import type { RefreshTokenRecord, RefreshTokenStore } from '../../domains/tokens/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { batchedInsert } from './batched-insert.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';

export type RefreshTokenDoc = Omit<RefreshTokenRecord, 'digest'> & { _id: string };

/** The winning rotation; purgeAt (TTL) lets it go with the token it guards. */
export interface RotationDoc {
  _id: string;
  grantId: string;
  clientId: string;
  userId: string | null;
  rotatedAt: Date;
  purgeAt: Date;
}

const fromDoc = (d: RefreshTokenDoc): RefreshTokenRecord => ({
  digest: d._id,
  grantId: d.grantId,
  clientId: d.clientId,
  userId: d.userId ?? null,
  scope: d.scope,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
  rotatedAt: d.rotatedAt ?? null,
});

export function mongoRefreshTokenStore(db: Db): RefreshTokenStore {
  const tokens = db.collection<RefreshTokenDoc>(C.refreshTokens);
  const insert = batchedInsert(tokens);
  const rotations = db.collection<RotationDoc>(C.refreshRotations);
  const findLive = (digest: string, now: Date) =>
    tokens.findOne({ _id: digest, expiresAt: { $gt: now } });

  return {
    async insert(token) {
      const doc: RefreshTokenDoc = {
        _id: token.digest,
        grantId: token.grantId,
        clientId: token.clientId,
        userId: token.userId,
        scope: token.scope,
        createdAt: new Date(),
        expiresAt: token.expiresAt,
        rotatedAt: null,
      };
      if ((await insert(doc)) === 'duplicate') throw new DuplicateKeyError('refresh_token');
      return fromDoc(doc);
    },
    async find(digest) {
      const doc = await findLive(digest, new Date());
      return doc ? fromDoc(doc) : undefined;
    },
    async rotate(digest, now) {
      const doc = await findLive(digest, now);
      if (!doc) return undefined;
      const token = fromDoc(doc);
      if (token.rotatedAt) return { won: false, token };
      const claim: RotationDoc = {
        _id: digest,
        grantId: token.grantId,
        clientId: token.clientId,
        userId: token.userId,
        rotatedAt: now,
        purgeAt: token.expiresAt,
      };
      try {
        await rotations.insertOne(claim);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const winner = await rotations.findOne({ _id: digest });
        return { won: false, token: { ...token, rotatedAt: winner?.rotatedAt ?? now } };
      }
      // The claim decided; this only makes the token's own document tell the same story.
      await tokens.updateOne({ _id: digest }, { $set: { rotatedAt: now } });
      return { won: true, token: { ...token, rotatedAt: now } };
    },
  };
}
