// Indexes created at start (idempotent). Unique keys that are not _id, the compound indexes the
// list filters sort by, and TTL indexes that let the server drop expired records. Reads never
// rely on TTL (it runs about once a minute, and FerretDB does not implement it).
import type { Db, IndexDescription } from 'mongodb';
import { C } from './collections.js';
import { isNotImplemented } from './errors.js';

const PAGE = { createdAt: 1, _id: 1 } as const;

const INDEXES: Record<string, IndexDescription[]> = {
  [C.clients]: [{ key: PAGE }, { key: { grantTypes: 1, ...PAGE } }],
  [C.users]: [
    { key: { usernameLower: 1 }, name: 'username_unique', unique: true },
    { key: PAGE },
    { key: { role: 1, ...PAGE } },
  ],
  [C.grants]: [{ key: { clientId: 1 } }, { key: { userId: 1, clientId: 1 } }],
  [C.refreshTokens]: [{ key: { grantId: 1 } }, { key: { clientId: 1 } }, { key: { userId: 1 } }],
  [C.refreshRotations]: [{ key: { clientId: 1 } }, { key: { userId: 1 } }],
  [C.personalAccessTokens]: [
    { key: { digest: 1 }, name: 'digest_unique', unique: true },
    { key: PAGE },
    { key: { userId: 1, ...PAGE } },
    { key: { clientId: 1, ...PAGE } },
  ],
  [C.authorizationCodes]: [{ key: { clientId: 1 } }, { key: { userId: 1 } }],
  [C.codeRedemptions]: [{ key: { clientId: 1 } }, { key: { userId: 1 } }],
  [C.consents]: [{ key: { userId: 1, createdAt: 1, clientId: 1 } }, { key: { clientId: 1 } }],
  [C.sessions]: [{ key: { userId: 1 } }],
  [C.signingKeys]: [{ key: { kid: 1 }, name: 'kid_unique', unique: true }],
  [C.audit]: [
    { key: { createdAt: -1, _id: -1 } },
    { key: { type: 1, createdAt: -1, _id: -1 } },
    { key: { 'actor.id': 1, createdAt: -1, _id: -1 } },
    { key: { 'target.type': 1, 'target.id': 1, createdAt: -1, _id: -1 } },
  ],
};

/** Collection -> the Date field after which a document may be dropped. */
export const EXPIRY_FIELDS: Record<string, string> = {
  [C.grants]: 'expiresAt',
  [C.refreshTokens]: 'expiresAt',
  [C.refreshRotations]: 'purgeAt',
  [C.personalAccessTokens]: 'expiresAt',
  [C.authorizationCodes]: 'expiresAt',
  [C.codeRedemptions]: 'purgeAt',
  [C.sessions]: 'expiresAt',
};

/** The server's default name for an index: `field_1_other_-1`. */
function nameOf(spec: IndexDescription): string {
  return (
    spec.name ??
    Object.entries(spec.key)
      .map(([field, dir]) => `${field}_${String(dir)}`)
      .join('_')
  );
}

/** Names of the collection's indexes; none when it does not exist yet. */
async function existing(db: Db, collection: string): Promise<Set<string>> {
  const found = await db
    .collection(collection)
    .listIndexes()
    .toArray()
    .catch(() => []);
  return new Set(found.map((index) => String(index.name)));
}

/**
 * Creates the indexes that are missing; resolves to whether the server supports TTL indexes.
 * Only missing ones: FerretDB 1.24 crashes when asked to create an index that already exists.
 */
export async function ensureIndexes(db: Db): Promise<{ ttl: boolean }> {
  await Promise.all(
    Object.entries(INDEXES).map(async ([name, specs]) => {
      const have = await existing(db, name);
      const missing = specs.filter((spec) => !have.has(nameOf(spec)));
      if (missing.length > 0) await db.collection(name).createIndexes(missing);
    }),
  );
  let ttl = true;
  for (const [name, field] of Object.entries(EXPIRY_FIELDS)) {
    if ((await existing(db, name)).has(`${field}_ttl`)) continue;
    try {
      await db
        .collection(name)
        .createIndex({ [field]: 1 }, { name: `${field}_ttl`, expireAfterSeconds: 0 });
    } catch (error) {
      if (!isNotImplemented(error)) throw error;
      ttl = false; // FerretDB: fall back to a periodic purge (purge.ts).
    }
  }
  return { ttl };
}
