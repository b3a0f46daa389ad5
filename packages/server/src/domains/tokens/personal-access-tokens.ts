// Personal access tokens: lk_pat_ + 256 random bits + CRC32 checksum (secret-scanning
// friendly), stored as a SHA-256 digest with a display hint; no expiry unless asked for.
import { FreshnessCache } from '../../lib/cache.js';
import { checksummedToken, hasValidChecksum, randomId, sha256 } from '../../lib/crypto.js';
import type { PersonalAccessTokenRecord, PersonalAccessTokenStore } from './store.js';

export const PAT_PREFIX = 'lk_pat_';
const TOUCH_EVERY_MS = 60_000;

export interface NewPat {
  userId: string;
  clientId: string;
  name: string;
  scope: string;
  expiresAt: Date | null;
}

export class PersonalAccessTokens {
  private readonly byDigest = new FreshnessCache<string, PersonalAccessTokenRecord | undefined>(
    1_000,
  );
  private readonly touched = new Map<string, number>();

  constructor(private readonly store: PersonalAccessTokenStore) {}

  /** Creates a token; the secret is in the result and nowhere else, ever. */
  async create(input: NewPat): Promise<{ token: string; record: PersonalAccessTokenRecord }> {
    const token = checksummedToken(PAT_PREFIX);
    const record = await this.store.create({
      ...input,
      id: randomId(),
      digest: sha256(token),
      hint: `${PAT_PREFIX}…${token.slice(-4)}`,
    });
    return { token, record };
  }

  /** The live record for a presented token, or undefined; a bad checksum costs no lookup. */
  async verify(token: string): Promise<PersonalAccessTokenRecord | undefined> {
    if (!hasValidChecksum(token, PAT_PREFIX)) return undefined;
    const record = await this.byDigest.get(sha256(token), (digest) =>
      this.store.findByDigest(digest),
    );
    if (
      !record ||
      record.revokedAt ||
      (record.expiresAt && record.expiresAt.getTime() <= Date.now())
    ) {
      return undefined;
    }
    this.noteUse(record);
    return record;
  }

  /** Forgets cached lookups after a revocation on this instance. */
  forget(record: Pick<PersonalAccessTokenRecord, 'digest'>): void {
    this.byDigest.delete(record.digest);
  }

  forgetAll(): void {
    this.byDigest.clear();
  }

  /** last_used_at: at most one write per token per minute, never one per request. */
  private noteUse(record: PersonalAccessTokenRecord): void {
    const now = Date.now();
    const last = Math.max(record.lastUsedAt?.getTime() ?? 0, this.touched.get(record.id) ?? 0);
    if (now - last < TOUCH_EVERY_MS) return;
    this.touched.set(record.id, now);
    if (this.touched.size > 50_000) this.touched.clear();
    this.store.touch(record.id, new Date(now)).catch(() => this.touched.delete(record.id));
  }
}
