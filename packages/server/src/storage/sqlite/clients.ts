// ClientStore over SQLite.
import type Database from 'better-sqlite3';
import type {
  ClientRecord,
  ClientStore,
  GrantType,
  TokenEndpointAuthMethod,
} from '../../domains/clients/store.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { CLIENT_PATCH_KEYS, definedOnly, pick } from '../records.js';
import {
  afterCursor,
  columns,
  date,
  dateOrNull,
  filteredQuery,
  flag,
  insertSql,
  ms,
  msOrNull,
  pageParams,
  setSql,
  withConstraints,
} from './sql.js';

interface ClientRow {
  client_id: string;
  client_name: string;
  description: string | null;
  redirect_uris: string;
  grant_types: string;
  personal_access_tokens_enabled: number;
  token_endpoint_auth_method: string;
  scope: string;
  access_token_lifetime: number | null;
  refresh_token_lifetime: number | null;
  skip_consent: number;
  secret_digest: string | null;
  secret_hint: string | null;
  previous_secret_digest: string | null;
  previous_secret_expires_at: number | null;
  token_generation: number;
  created_at: number;
  updated_at: number;
}

/** The row this store writes for a record (the bench's growth script writes the same). */
export function clientRow(c: ClientRecord): ClientRow {
  return {
    client_id: c.clientId,
    client_name: c.clientName,
    description: c.description,
    redirect_uris: JSON.stringify(c.redirectUris),
    grant_types: JSON.stringify(c.grantTypes),
    personal_access_tokens_enabled: flag(c.personalAccessTokensEnabled),
    token_endpoint_auth_method: c.tokenEndpointAuthMethod,
    scope: c.scope,
    access_token_lifetime: c.accessTokenLifetime,
    refresh_token_lifetime: c.refreshTokenLifetime,
    skip_consent: flag(c.skipConsent),
    secret_digest: c.secretDigest,
    secret_hint: c.secretHint,
    previous_secret_digest: c.previousSecretDigest,
    previous_secret_expires_at: msOrNull(c.previousSecretExpiresAt),
    token_generation: c.tokenGeneration,
    created_at: ms(c.createdAt),
    updated_at: ms(c.updatedAt),
  };
}

function fromRow(r: ClientRow): ClientRecord {
  return {
    clientId: r.client_id,
    clientName: r.client_name,
    description: r.description,
    redirectUris: JSON.parse(r.redirect_uris) as string[],
    grantTypes: JSON.parse(r.grant_types) as GrantType[],
    personalAccessTokensEnabled: r.personal_access_tokens_enabled === 1,
    tokenEndpointAuthMethod: r.token_endpoint_auth_method as TokenEndpointAuthMethod,
    scope: r.scope,
    accessTokenLifetime: r.access_token_lifetime,
    refreshTokenLifetime: r.refresh_token_lifetime,
    skipConsent: r.skip_consent === 1,
    secretDigest: r.secret_digest,
    secretHint: r.secret_hint,
    previousSecretDigest: r.previous_secret_digest,
    previousSecretExpiresAt: dateOrNull(r.previous_secret_expires_at),
    tokenGeneration: r.token_generation,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

const COLUMNS = columns<ClientRow>({
  client_id: true,
  client_name: true,
  description: true,
  redirect_uris: true,
  grant_types: true,
  personal_access_tokens_enabled: true,
  token_endpoint_auth_method: true,
  scope: true,
  access_token_lifetime: true,
  refresh_token_lifetime: true,
  skip_consent: true,
  secret_digest: true,
  secret_hint: true,
  previous_secret_digest: true,
  previous_secret_expires_at: true,
  token_generation: true,
  created_at: true,
  updated_at: true,
});
const UNIQUE = { unique: { 'clients.client_id': 'client_id' } };

interface ListParams {
  name: string | null;
  grant_type: string | null;
  after_created: number | null;
  after_id: string | null;
  limit: number;
}

export function sqliteClientStore(db: Database.Database): ClientStore {
  const insert = db.prepare<ClientRow>(insertSql('clients', COLUMNS));
  const byId = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE client_id = ?');
  const rewrite = db.prepare<ClientRow>(
    `UPDATE clients ${setSql(COLUMNS.filter((c) => c !== 'client_id'))} WHERE client_id = @client_id`,
  );
  const remove = db.prepare<[string]>('DELETE FROM clients WHERE client_id = ?');
  const nextGeneration = db.prepare<[string]>(
    'UPDATE clients SET token_generation = token_generation + 1 WHERE client_id = ?',
  );
  const list = filteredQuery<ListParams, ClientRow>(
    db,
    (where) => `SELECT * FROM clients ${where} ORDER BY created_at, client_id LIMIT @limit`,
    {
      name: 'instr(unicode_lower(client_name), @name) > 0',
      grant_type: 'EXISTS (SELECT 1 FROM json_each(grant_types) WHERE value = @grant_type)',
      after_created: afterCursor('client_id'),
    },
  );
  // Read-merge-write inside one transaction, so concurrent patches do not interleave.
  const update = db.transaction((clientId: string, patch: object): ClientRecord | undefined => {
    const row = byId.get(clientId);
    if (!row) return undefined;
    const next: ClientRecord = {
      ...fromRow(row),
      ...definedOnly(patch),
      clientId,
      updatedAt: new Date(),
    };
    rewrite.run(clientRow(next));
    return next;
  });

  return {
    async create(client) {
      const now = new Date();
      const row = clientRow({ ...client, tokenGeneration: 0, createdAt: now, updatedAt: now });
      withConstraints(UNIQUE, () => insert.run(row));
      return fromRow(row);
    },
    async get(clientId) {
      const row = byId.get(clientId);
      return row && fromRow(row);
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const rows = list({
        name: filter.name === undefined ? null : filter.name.toLowerCase(),
        grant_type: filter.grantType ?? null,
        ...pageParams(cursorPosition(filter.cursor), limit),
      });
      return toPage(rows.map(fromRow), limit, (c) => c.clientId);
    },
    async update(clientId, patch) {
      const updated = update.immediate(clientId, pick(patch, CLIENT_PATCH_KEYS));
      return updated && fromRow(clientRow(updated));
    },
    async delete(clientId) {
      // ON DELETE CASCADE removes codes, grants (and their refresh tokens), PATs and consents.
      return remove.run(clientId).changes > 0;
    },
    async nextTokenGeneration(clientId) {
      return nextGeneration.run(clientId).changes > 0;
    },
  };
}
