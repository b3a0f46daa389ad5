// AuthorizationCodeStore over MongoDB: _id = digest. Redemption is decided by inserting a claim
// whose _id is the digest (code_redemptions), holding the winner's grant id: one winner on any
// deployment, FerretDB included. The claim outlives the code so that a replay is still reported,
// and can still revoke what was issued (RFC 6749 §4.1.2).
import type { Db } from 'mongodb';
import type { AuthorizationCodeRecord, AuthorizationCodeStore } from '../../domains/oauth/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { REDEEMED_CODE_RETENTION_MS } from '../retention.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';

export type CodeDoc = Omit<AuthorizationCodeRecord, 'digest'> & { _id: string };

export interface RedemptionDoc {
  _id: string;
  grantId: string;
  clientId: string;
  userId: string;
  redeemedAt: Date;
  purgeAt: Date;
}

const fromDoc = (d: CodeDoc): AuthorizationCodeRecord => ({
  digest: d._id,
  clientId: d.clientId,
  userId: d.userId,
  redirectUri: d.redirectUri,
  scope: d.scope,
  codeChallenge: d.codeChallenge ?? null,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
});

export function mongoAuthorizationCodeStore(db: Db): AuthorizationCodeStore {
  const codes = db.collection<CodeDoc>(C.authorizationCodes);
  const redemptions = db.collection<RedemptionDoc>(C.codeRedemptions);
  const replay = async (digest: string) => {
    const winner = await redemptions.findOne({ _id: digest });
    return winner ? { won: false as const, grantId: winner.grantId } : undefined;
  };

  return {
    async insert(code) {
      const doc: CodeDoc = {
        _id: code.digest,
        clientId: code.clientId,
        userId: code.userId,
        redirectUri: code.redirectUri,
        scope: code.scope,
        codeChallenge: code.codeChallenge,
        createdAt: new Date(),
        expiresAt: code.expiresAt,
      };
      try {
        await codes.insertOne(doc);
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError('code');
        throw error;
      }
      return fromDoc(doc);
    },
    async redeem(digest, grantId, now) {
      const doc = await codes.findOne({ _id: digest });
      // Unknown or expired: never redeemed now, but an earlier redemption is still reported.
      if (!doc || doc.expiresAt.getTime() <= now.getTime()) return replay(digest);
      const claim: RedemptionDoc = {
        _id: digest,
        grantId,
        clientId: doc.clientId,
        userId: doc.userId,
        redeemedAt: now,
        purgeAt: new Date(doc.expiresAt.getTime() + REDEEMED_CODE_RETENTION_MS),
      };
      try {
        await redemptions.insertOne(claim);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return replay(digest);
      }
      return { won: true, code: fromDoc(doc) };
    },
  };
}
