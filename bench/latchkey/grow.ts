// Grows a Latchkey store by BENCH_GROWTH_TOKENS stored tokens, for issue 8's growth target
// ("with 1,000,000 stored tokens, issuance and introspection stay at 90 % or more of their
// empty-store rate"). Writes straight into the database at DATABASE_URL, while the server runs
// on it: the server keeps no state about rows it has not read, and its read paths see the new
// rows at once (caches there hold a key for one second at most).
//
// Stored tokens are the rows of what the server reads and writes on those paths: grants (one
// per access-token family), refresh tokens and personal access tokens, 60 / 30 / 10 %, spread
// over N/1000 clients and N/100 users (written first, so every reference is valid). Half the
// grants are user grants with one refresh token each, the other half client_credentials grants
// (no user). All of them expire between 1 hour and 30 days from now: the server purges expired
// rows every 5 minutes, and a purge deleting a share of the rows in the middle of a measured
// round would be measured instead of the store's size (a purged store holds expired rows for 5
// minutes at most anyway). 5 % of grants and of PATs are revoked, half the PATs never expire.
// Refresh tokens are all unrotated: on MongoDB a rotated token also has a refresh_rotations
// claim, and leaving both out keeps the two stores' contents alike.
//
// Shapes: the SQLite stores' own row mappings (clientRow, grantRow, ...) and the document types
// the MongoDB stores export (checked by the compiler).
// SQLite: one transaction of prepared inserts, this connection not syncing (as setup.ts does).
// MongoDB: insertMany in batches of 10,000, unordered.
// Prints one JSON line: what was written, how long it took, the three tables' row counts before
// and after.
// Run: node --import tsx bench/latchkey/grow.ts (from the repository root).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ClientRecord, GrantType } from '../../packages/server/src/domains/clients/store.js';
import type {
  GrantRecord,
  PersonalAccessTokenRecord,
  RefreshTokenRecord,
} from '../../packages/server/src/domains/tokens/store.js';
import type { UserRecord } from '../../packages/server/src/domains/users/store.js';
import type { ClientDoc } from '../../packages/server/src/storage/mongo/clients.js';
import type { GrantDoc, mongoGrantStore } from '../../packages/server/src/storage/mongo/grants.js';
import type { PatDoc } from '../../packages/server/src/storage/mongo/personal-access-tokens.js';
import type { RefreshTokenDoc } from '../../packages/server/src/storage/mongo/refresh-tokens.js';
import type { UserDoc } from '../../packages/server/src/storage/mongo/users.js';
import { clientRow } from '../../packages/server/src/storage/sqlite/clients.js';
import {
  grantRow,
  type sqliteGrantStore,
} from '../../packages/server/src/storage/sqlite/grants.js';
import { patRow } from '../../packages/server/src/storage/sqlite/personal-access-tokens.js';
import { refreshTokenRow } from '../../packages/server/src/storage/sqlite/refresh-tokens.js';
import { userRow } from '../../packages/server/src/storage/sqlite/users.js';

const DATABASE_URL = process.env.DATABASE_URL ?? '';
const TOKENS = Number(process.env.BENCH_GROWTH_TOKENS ?? 1_000_000);
const BATCH = 10_000;

const REFRESH_TOKENS = Math.round(TOKENS * 0.3);
const GRANTS = Math.max(REFRESH_TOKENS, Math.round(TOKENS * 0.6)); // one per refresh token, + cc
const PATS = TOKENS - GRANTS - REFRESH_TOKENS;
const KINDS = 3; // clients: client_credentials, authorization_code + refresh_token, PATs
const CLIENTS = KINDS * Math.max(4, Math.round(TOKENS / 1000 / KINDS));
const USERS = Math.max(100, Math.round(TOKENS / 100));

/** Names of this fill's clients and users: another fill of the same store adds its own. */
const TAG = randomBytes(3).toString('hex');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();

/** A fixed mix from run to run (mulberry32); ids and digests are random bytes like the server's. */
let seed = 0x1a7c4e;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n: number) => Math.floor(random() * n);
const chance = (p: number) => random() < p;
const between = (from: number, to: number) => new Date(from + random() * (to - from));

// Random bytes drawn 1 MiB at a time rather than with a randomBytes() call per id.
let pool = Buffer.alloc(0);
let at = 0;
function bytes(n: number): Buffer {
  if (at + n > pool.length) [pool, at] = [randomBytes(1 << 20), 0];
  at += n;
  return pool.subarray(at - n, at);
}
/** As randomId() in lib/crypto.ts: 128 bits, base64url. */
const randomId = () => bytes(16).toString('base64url');
/** As sha256(secret): 64 hex characters. */
const digest = () => bytes(32).toString('hex');

/** A random client of one kind (client i is of kind i % KINDS). */
const clientId = (kind: number) => `growth-${TAG}-client-${kind + KINDS * pick(CLIENTS / KINDS)}`;
const userId = (i: number) => `usr_growth-${TAG}-${i}`;

function client(i: number): ClientRecord {
  const kind = i % KINDS;
  const grantTypes: GrantType[][] = [
    ['client_credentials'],
    ['authorization_code', 'refresh_token'],
    [],
  ];
  const created = between(NOW - 365 * DAY, NOW - 30 * DAY);
  return {
    clientId: `growth-${TAG}-client-${i}`,
    clientName: `growth client ${i}`,
    description: null,
    redirectUris: kind === 1 ? [`https://app-${i}.growth.example/callback`] : [],
    grantTypes: grantTypes[kind]!,
    personalAccessTokensEnabled: kind === 2,
    tokenEndpointAuthMethod: 'client_secret_basic',
    scope: 'profile',
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
    skipConsent: true,
    secretDigest: digest(),
    secretHint: 'grow',
    previousSecretDigest: null,
    previousSecretExpiresAt: null,
    tokenGeneration: 0,
    createdAt: created,
    updatedAt: created,
  };
}

function user(i: number): UserRecord {
  const created = between(NOW - 365 * DAY, NOW - 30 * DAY);
  return {
    id: userId(i),
    username: `growth-${TAG}-user-${i}`,
    email: null,
    displayName: null,
    role: 'member',
    disabled: false,
    passwordHash: null,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: created,
    updatedAt: created,
  };
}

function grant(forUser: boolean): GrantRecord {
  const createdAt = between(NOW - 30 * DAY, NOW);
  return {
    id: randomId(),
    clientId: clientId(forUser ? 1 : 0),
    userId: forUser ? userId(pick(USERS)) : null,
    scope: 'profile',
    createdAt,
    expiresAt: between(NOW + HOUR, NOW + 30 * DAY),
    revokedAt: chance(0.05) ? between(createdAt.getTime(), NOW) : null,
  };
}

const refreshToken = (g: GrantRecord): RefreshTokenRecord => ({
  digest: digest(),
  grantId: g.id,
  clientId: g.clientId,
  userId: g.userId,
  scope: g.scope,
  createdAt: g.createdAt,
  expiresAt: g.expiresAt,
  rotatedAt: null,
});

function pat(i: number): PersonalAccessTokenRecord {
  const createdAt = between(NOW - 180 * DAY, NOW);
  return {
    id: randomId(),
    userId: userId(pick(USERS)),
    clientId: clientId(2),
    name: `growth token ${i}`,
    scope: 'profile',
    digest: digest(),
    hint: `lk_pat_…${bytes(3).toString('base64url')}`,
    createdAt,
    expiresAt: chance(0.5) ? null : between(NOW + HOUR, NOW + 365 * DAY),
    lastUsedAt: chance(0.7) ? between(createdAt.getTime(), NOW) : null,
    revokedAt: chance(0.05) ? between(createdAt.getTime(), NOW) : null,
  };
}

type Row =
  | { kind: 'client'; record: ClientRecord }
  | { kind: 'user'; record: UserRecord }
  | { kind: 'grant'; record: GrantRecord }
  | { kind: 'refreshToken'; record: RefreshTokenRecord }
  | { kind: 'pat'; record: PersonalAccessTokenRecord };

/** Everything to write, parents before children. */
function* rows(): Generator<Row> {
  for (let i = 0; i < CLIENTS; i++) yield { kind: 'client', record: client(i) };
  for (let i = 0; i < USERS; i++) yield { kind: 'user', record: user(i) };
  for (let i = 0; i < GRANTS; i++) {
    const g = grant(i < REFRESH_TOKENS);
    yield { kind: 'grant', record: g };
    if (i < REFRESH_TOKENS) yield { kind: 'refreshToken', record: refreshToken(g) };
  }
  for (let i = 0; i < PATS; i++) yield { kind: 'pat', record: pat(i) };
}

const TABLES = ['grants', 'refresh_tokens', 'personal_access_tokens'] as const;
type Counts = Record<(typeof TABLES)[number], number>;
interface Grown {
  before: Counts;
  after: Counts;
  /** The writes alone, counting excluded. */
  seconds: number;
}
const since = (start: number) => (Date.now() - start) / 1000;

// --- SQLite -------------------------------------------------------------------------------

/** better-sqlite3's Database, as the server's stores take it. */
type SqliteDb = Parameters<typeof sqliteGrantStore>[0];
/** Each kind's table and row, written by the SQLite stores' own row mappings. */
const SQLITE: { [K in Row['kind']]: [string, (r: Extract<Row, { kind: K }>['record']) => object] } =
  {
    client: ['clients', clientRow],
    user: ['users', userRow],
    grant: ['grants', grantRow],
    refreshToken: ['refresh_tokens', refreshTokenRow],
    pat: ['personal_access_tokens', patRow],
  };

function growSqlite(file: string): Grown {
  const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
  const Database = require('better-sqlite3') as new (file: string) => SqliteDb;
  const db = new Database(file);
  try {
    // The server may hold the write lock for a moment (a request, its purge): wait for it.
    db.pragma('busy_timeout = 60000');
    db.pragma('foreign_keys = ON'); // as the server's connection: every reference is checked
    db.pragma('synchronous = OFF'); // this connection only; the server keeps its own setting
    // Keys are random, so every insert lands on a random index page: with SQLite's 2 MB default
    // page cache, 1M rows spend most of their time evicting and re-reading pages.
    db.pragma('cache_size = -1000000'); // 1 GB, more than the tables and indexes take
    const counts = () =>
      Object.fromEntries(
        TABLES.map((t) => [
          t,
          (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
        ]),
      ) as Counts;
    const before = counts();
    const start = Date.now();
    const statements = new Map<string, ReturnType<SqliteDb['prepare']>>();
    const insert = (table: string, row: object) => {
      let statement = statements.get(table);
      if (!statement) {
        const columns = Object.keys(row);
        statement = db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        statements.set(table, statement);
      }
      statement.run(row);
    };
    db.transaction(() => {
      for (const row of rows()) {
        const [table, toRow] = SQLITE[row.kind] as [string, (r: Row['record']) => object];
        insert(table, toRow(row.record));
      }
    }).immediate();
    // Leave no large WAL behind for the server's first reads to go through.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const seconds = since(start);
    return { before, after: counts(), seconds };
  } finally {
    db.close();
  }
}

// --- MongoDB ------------------------------------------------------------------------------

type MongoDb = Parameters<typeof mongoGrantStore>[0];

/** Each kind's collection and document, as the MongoDB stores' create()/insert() write them. */
const MONGO: { [K in Row['kind']]: [string, (r: Extract<Row, { kind: K }>['record']) => object] } =
  {
    client: ['clients', ({ clientId, ...rest }): ClientDoc => ({ _id: clientId, ...rest })],
    user: [
      'users',
      ({ id, username, ...rest }): UserDoc => ({
        _id: id,
        username,
        usernameLower: username.toLowerCase(),
        ...rest,
      }),
    ],
    grant: ['grants', ({ id, ...rest }): GrantDoc => ({ _id: id, ...rest })],
    refreshToken: [
      'refresh_tokens',
      ({ digest, ...rest }): RefreshTokenDoc => ({ _id: digest, ...rest }),
    ],
    pat: ['personal_access_tokens', ({ id, ...rest }): PatDoc => ({ _id: id, ...rest })],
  };

async function growMongo(url: string): Promise<Grown> {
  const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
  const { MongoClient } = require('mongodb') as {
    MongoClient: {
      connect(url: string): Promise<{ db(name: string): MongoDb; close(): Promise<void> }>;
    };
  };
  const { databaseName } = await import('../../packages/server/src/storage/mongo/index.js');
  const client = await MongoClient.connect(url);
  try {
    const db = client.db(databaseName(url));
    const counts = async () => {
      const n: Partial<Counts> = {};
      for (const t of TABLES) n[t] = await db.collection(t).estimatedDocumentCount();
      return n as Counts;
    };
    const before = await counts();
    const start = Date.now();
    const batches = new Map<string, object[]>();
    const flush = async (name: string) => {
      const docs = batches.get(name);
      if (docs?.length) await db.collection(name).insertMany(docs, { ordered: false });
      batches.set(name, []);
    };
    for (const row of rows()) {
      const [name, toDoc] = MONGO[row.kind] as [string, (r: Row['record']) => object];
      const docs = batches.get(name) ?? [];
      docs.push(toDoc(row.record));
      batches.set(name, docs);
      if (docs.length >= BATCH) await flush(name);
    }
    for (const name of batches.keys()) await flush(name);
    const seconds = since(start);
    return { before, after: await counts(), seconds };
  } finally {
    await client.close();
  }
}

const grown = DATABASE_URL.startsWith('sqlite:')
  ? growSqlite(DATABASE_URL.slice('sqlite:'.length))
  : await growMongo(DATABASE_URL);
process.stdout.write(
  `${JSON.stringify({
    tokens: TOKENS,
    grants: GRANTS,
    refresh_tokens: REFRESH_TOKENS,
    personal_access_tokens: PATS,
    clients: CLIENTS,
    users: USERS,
    ...grown,
  })}\n`,
);
process.exit(0);
