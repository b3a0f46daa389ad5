// Runs every store contract against MongoDB (FerretDB in CI) when MONGODB_URI is set. Each
// suite gets its own fresh database, named for this run, and every one is dropped at the end.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe } from 'vitest';
import { storeContracts } from '../contract/index.js';
import { openMongo } from './index.js';

const uri = process.env.MONGODB_URI;

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
    storeContracts(async () => {
      const name = `${run}_${created.length}`;
      created.push(name);
      return openMongo(withDatabase(uri, name));
    });
  });
}
