// Runs every store contract against MongoDB (FerretDB in CI) when MONGODB_URI is set. Each
// suite gets its own fresh database, named for this run, and every one is dropped at the end.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContracts } from '../contract/index.js';
import { openMongo } from './index.js';

const uri = process.env.MONGODB_URI;

const CLIENT = {
  clientId: 'reopen-client',
  clientName: 'Survives a restart',
  description: null,
  redirectUris: [],
  grantTypes: ['client_credentials' as const],
  personalAccessTokensEnabled: false,
  tokenEndpointAuthMethod: 'client_secret_basic' as const,
  scope: '',
  accessTokenLifetime: null,
  refreshTokenLifetime: null,
  skipConsent: false,
  secretDigest: null,
  secretHint: null,
  previousSecretDigest: null,
  previousSecretExpiresAt: null,
};

/** The URI with its database path replaced by `name`, keeping host list and options. */
function withDatabase(base: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(base);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// URI');
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

if (!uri) {
  console.log(
    'MongoDB contract suite skipped: set MONGODB_URI (e.g. MONGODB_URI=$(bash .ci/ferretdb.sh start)) to run it',
  );
  describe.skip('MongoDB stores', () => {
    storeContracts(async () => {
      throw new Error('unreachable');
    });
  });
} else {
  describe('MongoDB stores', () => {
    const run = `latchkey_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const created: string[] = [];
    afterAll(async () => {
      const admin = new MongoClient(uri);
      try {
        for (const name of created) await admin.db(name).dropDatabase();
      } finally {
        await admin.close();
      }
    });
    const fresh = () => {
      const name = `${run}_${created.length}`;
      created.push(name);
      return withDatabase(uri, name);
    };
    storeContracts(() => openMongo(fresh()));

    it('reopens an existing database (a restart): indexes are not created twice', async () => {
      const url = fresh();
      const first = await openMongo(url);
      await first.clients.create(CLIENT);
      await first.close();
      const second = await openMongo(url);
      expect((await second.clients.get(CLIENT.clientId))?.clientName).toBe(CLIENT.clientName);
      await second.close();
    });
  });
}
