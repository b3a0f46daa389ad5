// Signing keys shared by every instance through the store: created at first start, rotated
// on request; a retired key stays published (JWKS) until tokens signed with it have expired.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { NewSigningKey, SigningKeyRecord, SigningKeyStore } from './store.js';

const RELOAD_MS = 5_000;

interface LoadedKey {
  record: SigningKeyRecord;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export class SigningKeys {
  private keys = new Map<string, LoadedKey>();
  private active: LoadedKey | undefined;
  private loadedAt = 0;
  private reloading: Promise<void> | undefined;

  /** `maxTokenLifetimeSeconds`: how long a retired key must stay published. */
  constructor(
    private readonly store: SigningKeyStore,
    private readonly maxTokenLifetimeSeconds: number,
  ) {}

  async init(): Promise<void> {
    await this.store.ensureActive(await generateKey());
    await this.reload();
  }

  /** The key to sign with; picks up other instances' rotations within a few seconds. */
  current(): { kid: string; privateKey: KeyObject } {
    this.reloadIfStale();
    if (!this.active) throw new Error('SigningKeys.init() was not awaited');
    return { kid: this.active.record.kid, privateKey: this.active.privateKey };
  }

  /** A published public key by kid, or undefined (an unknown kid triggers a reload). */
  publicKey(kid: string): KeyObject | undefined {
    const key = this.keys.get(kid);
    if (!key) this.reloadIfStale(1_000);
    else this.reloadIfStale();
    return key?.publicKey;
  }

  /** RFC 7517 key set of every published key. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.reloadIfStale();
    return { keys: [...this.keys.values()].map((k) => k.record.publicJwk) };
  }

  async list(): Promise<SigningKeyRecord[]> {
    await this.reload();
    return [...this.keys.values()].map((k) => k.record);
  }

  async rotate(): Promise<SigningKeyRecord> {
    const publishUntil = new Date(Date.now() + this.maxTokenLifetimeSeconds * 1000);
    const record = await this.store.rotate(await generateKey(), publishUntil);
    await this.reload();
    return record;
  }

  private reloadIfStale(maxAgeMs = RELOAD_MS): Promise<void> | undefined {
    if (Date.now() - this.loadedAt < maxAgeMs) return undefined;
    this.reloading ??= this.reload().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async reload(): Promise<void> {
    const records = await this.store.list(new Date());
    const keys = new Map<string, LoadedKey>();
    for (const record of records) {
      // Reuse the parsed keys, but take the fresh record: its status may have changed.
      const known = this.keys.get(record.kid);
      keys.set(record.kid, known ? { ...known, record } : load(record));
    }
    this.keys = keys;
    this.active = [...keys.values()].find((k) => k.record.status === 'active') ?? this.active;
    this.loadedAt = Date.now();
  }
}

function load(record: SigningKeyRecord): LoadedKey {
  return {
    record,
    privateKey: createPrivateKey({ key: record.privateJwk as never, format: 'jwk' }),
    publicKey: createPublicKey({ key: record.publicJwk as never, format: 'jwk' }),
  };
}

async function generateKey(): Promise<NewSigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    alg: 'ES256',
    privateJwk: privateKey.export({ format: 'jwk' }) as JWK,
    publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' },
  };
}
