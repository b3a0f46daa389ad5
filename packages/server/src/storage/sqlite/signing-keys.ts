// SigningKeyStore over SQLite. Both writes run in IMMEDIATE transactions, so instances sharing
// the file agree on one active key; a partial unique index forbids a second one regardless.
import type Database from 'better-sqlite3';
import type { JWK } from 'jose';
import type { NewSigningKey, SigningKeyRecord, SigningKeyStore } from '../../domains/keys/store.js';
import { date, dateOrNull, ms } from './sql.js';

interface KeyRow {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  status: string;
  created_at: number;
  retired_at: number | null;
  publish_until: number | null;
}

const fromRow = (r: KeyRow): SigningKeyRecord => ({
  kid: r.kid,
  alg: r.alg as SigningKeyRecord['alg'],
  privateJwk: JSON.parse(r.private_jwk) as JWK,
  publicJwk: JSON.parse(r.public_jwk) as JWK,
  status: r.status as SigningKeyRecord['status'],
  createdAt: date(r.created_at),
  retiredAt: dateOrNull(r.retired_at),
  publishUntil: dateOrNull(r.publish_until),
});

export function sqliteSigningKeyStore(db: Database.Database): SigningKeyStore {
  const insert = db.prepare<Omit<KeyRow, 'retired_at' | 'publish_until' | 'status'>>(`
    INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, status, created_at)
    VALUES (@kid, @alg, @private_jwk, @public_jwk, 'active', @created_at)`);
  const active = db.prepare<[], KeyRow>("SELECT * FROM signing_keys WHERE status = 'active'");
  const byKid = db.prepare<[string], KeyRow>('SELECT * FROM signing_keys WHERE kid = ?');
  const retireActive = db.prepare<{ now: number; until: number }>(`
    UPDATE signing_keys SET status = 'retired', retired_at = @now, publish_until = @until WHERE status = 'active'`);
  const published = db.prepare<{ now: number }, KeyRow>(`
    SELECT * FROM signing_keys WHERE status = 'active' OR publish_until > @now
    ORDER BY created_at DESC, rowid DESC`);

  const add = (key: NewSigningKey): KeyRow => {
    insert.run({
      kid: key.kid,
      alg: key.alg,
      private_jwk: JSON.stringify(key.privateJwk),
      public_jwk: JSON.stringify(key.publicJwk),
      created_at: Date.now(),
    });
    const row = byKid.get(key.kid);
    if (!row) throw new Error('signing key vanished after insert');
    return row;
  };
  const rotate = db.transaction((key: NewSigningKey, until: Date) => {
    retireActive.run({ now: Date.now(), until: ms(until) });
    return add(key);
  });
  const ensureActive = db.transaction((key: NewSigningKey) => active.get() ?? add(key));

  return {
    async list(now) {
      return published.all({ now: ms(now) }).map(fromRow);
    },
    async rotate(key, publishRetiredUntil) {
      return fromRow(rotate.immediate(key, publishRetiredUntil));
    },
    async ensureActive(key) {
      return fromRow(ensureActive.immediate(key));
    },
  };
}
