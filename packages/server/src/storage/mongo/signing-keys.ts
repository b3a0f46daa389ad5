// SigningKeyStore over MongoDB. Each key's _id is its generation (1, 2, 3, ...): the newest
// generation is the active key, and a unique-_id insert decides which of several instances
// starting (or rotating) together creates the next one — atomic on any deployment.
import type { Db } from 'mongodb';
import type { NewSigningKey, SigningKeyRecord, SigningKeyStore } from '../../domains/keys/store.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';

export type SigningKeyDoc = SigningKeyRecord & { _id: number };

const fromDoc = (d: SigningKeyDoc): SigningKeyRecord => ({
  kid: d.kid,
  alg: d.alg,
  privateJwk: d.privateJwk,
  publicJwk: d.publicJwk,
  status: d.status,
  createdAt: d.createdAt,
  retiredAt: d.retiredAt ?? null,
  publishUntil: d.publishUntil ?? null,
});

/** Bounded: each lost race means another instance made progress. */
const ATTEMPTS = 20;

export function mongoSigningKeyStore(db: Db): SigningKeyStore {
  const keys = db.collection<SigningKeyDoc>(C.signingKeys);
  const newest = () => keys.findOne({}, { sort: { _id: -1 } });

  /** Inserts `key` as generation `generation`; false when another instance took it first. */
  async function claim(key: NewSigningKey, generation: number): Promise<SigningKeyDoc | undefined> {
    const doc: SigningKeyDoc = {
      _id: generation,
      kid: key.kid,
      alg: key.alg,
      privateJwk: key.privateJwk,
      publicJwk: key.publicJwk,
      status: 'active',
      createdAt: new Date(),
      retiredAt: null,
      publishUntil: null,
    };
    try {
      await keys.insertOne(doc);
      return doc;
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  return {
    async list(now) {
      const docs = await keys
        .find({ $or: [{ status: 'active' }, { publishUntil: { $gt: now } }] })
        .sort({ _id: -1 })
        .toArray();
      return docs.map(fromDoc);
    },
    async rotate(key, publishRetiredUntil) {
      // Like SQLite's serialised rotations, every caller inserts its own key: a lost race means
      // that generation is taken, so try the next one. Generations never skip a number, so the
      // newest key's retire step below covers every older key.
      let generation = ((await newest())?._id ?? 0) + 1;
      let doc: SigningKeyDoc | undefined;
      for (let attempt = 0; !doc && attempt < ATTEMPTS; attempt++) {
        doc = await claim(key, generation++);
      }
      if (!doc) throw new Error('signing key rotation kept losing to other instances');
      // Insert first, retire after: a crash in between leaves two published keys, never none.
      await keys.updateMany(
        { _id: { $lt: doc._id }, status: 'active' },
        { $set: { status: 'retired', retiredAt: new Date(), publishUntil: publishRetiredUntil } },
      );
      return fromDoc(doc);
    },
    async ensureActive(key) {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const latest = await newest();
        if (latest?.status === 'active') return fromDoc(latest);
        const doc = await claim(key, (latest?._id ?? 0) + 1);
        if (doc) return fromDoc(doc);
      }
      throw new Error('could not agree on an active signing key');
    },
  };
}
