// MongoDB store (official driver): standalone, replica set or sharded cluster; FerretDB in CI.
import { MongoClient, type WriteConcernSettings } from 'mongodb';
import type { Stores } from '../index.js';
import { mongoAuditStore } from './audit.js';
import { mongoClientStore } from './clients.js';
import { mongoAuthorizationCodeStore } from './codes.js';
import { mongoConsentStore } from './consents.js';
import { mongoGrantStore } from './grants.js';
import { ensureIndexes } from './indexes.js';
import { mongoPersonalAccessTokenStore } from './personal-access-tokens.js';
import { startPurge } from './purge.js';
import { mongoRefreshTokenStore } from './refresh-tokens.js';
import { mongoLoginSessionStore } from './sessions.js';
import { mongoSigningKeyStore } from './signing-keys.js';
import { mongoUserStore } from './users.js';

const DEFAULT_DATABASE = 'latchkey';

/** Query options of a connection string (case-insensitive names, as the driver reads them). */
function uriOptions(url: string): Set<string> {
  const query = url.split('?')[1] ?? '';
  return new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
}

/**
 * Majority, journaled writes by default, so an acknowledged rotation or revocation survives a
 * failover; the URI's own w/journal win (constructor options would override them otherwise).
 */
export function writeConcernFor(url: string): WriteConcernSettings {
  const given = uriOptions(url);
  return {
    ...(given.has('w') ? {} : { w: 'majority' }),
    ...(given.has('journal') || given.has('j') ? {} : { journal: true }),
  };
}

/** The database named in the URI path, or "latchkey" (the driver's default would be "test"). */
export function databaseName(url: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1] ?? '';
  return decodeURIComponent(path) || DEFAULT_DATABASE;
}

export async function openMongo(url: string): Promise<Stores> {
  const client = new MongoClient(url, { writeConcern: writeConcernFor(url) });
  await client.connect();
  let stopPurge = () => {};
  try {
    const db = client.db(databaseName(url));
    const { ttl } = await ensureIndexes(db);
    if (!ttl) stopPurge = startPurge(db);
    return {
      clients: mongoClientStore(db),
      users: mongoUserStore(db),
      grants: mongoGrantStore(db),
      refreshTokens: mongoRefreshTokenStore(db),
      personalAccessTokens: mongoPersonalAccessTokenStore(db),
      authorizationCodes: mongoAuthorizationCodeStore(db),
      consents: mongoConsentStore(db),
      sessions: mongoLoginSessionStore(db),
      signingKeys: mongoSigningKeyStore(db),
      audit: mongoAuditStore(db),
      ping: async () => {
        await db.command({ ping: 1 });
      },
      close: async () => {
        stopPurge();
        await client.close();
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
