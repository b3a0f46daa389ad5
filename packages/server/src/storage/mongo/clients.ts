// ClientStore over MongoDB: one document per client, _id = clientId.
import type { Db, Filter } from 'mongodb';
import type {
  ClientRecord,
  ClientStore,
  GrantType,
  TokenEndpointAuthMethod,
} from '../../domains/clients/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { CLIENT_PATCH_KEYS, definedOnly, pick } from '../records.js';
import { deleteIssued } from './cascade.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';
import { allOf, containsText, keyset } from './query.js';

export type ClientDoc = Omit<ClientRecord, 'clientId'> & { _id: string };

const toDoc = ({ clientId, ...rest }: ClientRecord): ClientDoc => ({ _id: clientId, ...rest });

const fromDoc = (d: ClientDoc): ClientRecord => ({
  clientId: d._id,
  clientName: d.clientName,
  description: d.description ?? null,
  redirectUris: [...d.redirectUris],
  grantTypes: [...d.grantTypes] as GrantType[],
  personalAccessTokensEnabled: d.personalAccessTokensEnabled,
  tokenEndpointAuthMethod: d.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
  scope: d.scope,
  accessTokenLifetime: d.accessTokenLifetime ?? null,
  refreshTokenLifetime: d.refreshTokenLifetime ?? null,
  skipConsent: d.skipConsent,
  secretDigest: d.secretDigest ?? null,
  secretHint: d.secretHint ?? null,
  previousSecretDigest: d.previousSecretDigest ?? null,
  previousSecretExpiresAt: d.previousSecretExpiresAt ?? null,
  tokenGeneration: d.tokenGeneration ?? 0,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export function mongoClientStore(db: Db): ClientStore {
  const clients = db.collection<ClientDoc>(C.clients);
  return {
    async create(client) {
      const now = new Date();
      const fields = pick(client, CLIENT_PATCH_KEYS) as Omit<
        ClientDoc,
        '_id' | 'createdAt' | 'updatedAt' | 'tokenGeneration'
      >;
      const record = fromDoc({
        ...fields,
        _id: client.clientId,
        tokenGeneration: 0,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await clients.insertOne(toDoc(record));
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError('client_id');
        throw error;
      }
      return record;
    },
    async get(clientId) {
      const doc = await clients.findOne({ _id: clientId });
      return doc ? fromDoc(doc) : undefined;
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const query = allOf(
        filter.name === undefined ? {} : { clientName: containsText(filter.name) },
        filter.grantType === undefined ? {} : { grantTypes: filter.grantType },
        keyset(cursorPosition(filter.cursor), '_id'),
      ) as Filter<ClientDoc>;
      const docs = await clients
        .find(query)
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit + 1)
        .toArray();
      return toPage(docs.map(fromDoc), limit, (c) => c.clientId);
    },
    async update(clientId, patch) {
      const set = { ...definedOnly(pick(patch, CLIENT_PATCH_KEYS)), updatedAt: new Date() };
      const doc = await clients.findOneAndUpdate(
        { _id: clientId },
        { $set: set },
        { returnDocument: 'after' },
      );
      return doc ? fromDoc(doc) : undefined;
    },
    async delete(clientId) {
      // The client goes first: a crash half-way still leaves every token unusable, and the
      // next delete (of a client already gone) sweeps what was left.
      const { deletedCount } = await clients.deleteOne({ _id: clientId });
      await deleteIssued(db, { clientId });
      return deletedCount > 0;
    },
    async nextTokenGeneration(clientId) {
      const { matchedCount } = await clients.updateOne(
        { _id: clientId },
        { $inc: { tokenGeneration: 1 } },
      );
      return matchedCount > 0;
    },
  };
}
