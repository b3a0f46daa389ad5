// Pending sign-ins, kept in sessionStorage (per tab) under their `state`, deleted on read, so a
// PKCE verifier is used at most once and never outlives the sign-in it belongs to.

/** What a sign-in remembers between the redirect out and the callback. */
export interface LoginTransaction {
  codeVerifier: string;
  redirectUri: string;
  /** Same-origin path to return to after the callback. */
  returnTo: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A pending sign-in older than this is dropped (the code would have expired long before). */
const MAX_AGE_MS = 10 * 60 * 1000;

/** A storage that forgets everything; used where no Web Storage exists (SSR, tests). */
export function volatileStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

export class Transactions {
  constructor(
    private readonly area: Storage,
    private readonly prefix: string,
  ) {}

  save(state: string, tx: LoginTransaction): void {
    this.prune();
    this.area.setItem(this.key(state), JSON.stringify(tx));
  }

  /** Reads and deletes the transaction of `state` (null when unknown, expired or unreadable). */
  take(state: string): LoginTransaction | null {
    const key = this.key(state);
    const raw = this.area.getItem(key);
    this.area.removeItem(key);
    if (raw === null) return null;
    try {
      const tx = JSON.parse(raw) as LoginTransaction;
      if (typeof tx.codeVerifier !== 'string' || Date.now() - tx.createdAt > MAX_AGE_MS)
        return null;
      return tx;
    } catch {
      return null;
    }
  }

  /** A small flag or counter next to the transactions (e.g. "signed out"). */
  getFlag(name: string): string | null {
    return this.area.getItem(`${this.prefix}.${name}`);
  }

  setFlag(name: string, value: string | null): void {
    if (value === null) this.area.removeItem(`${this.prefix}.${name}`);
    else this.area.setItem(`${this.prefix}.${name}`, value);
  }

  private key(state: string): string {
    return `${this.prefix}.tx.${state}`;
  }

  /** Drops abandoned sign-ins (the user closed the login page and started again). */
  private prune(): void {
    const stale: string[] = [];
    for (let i = 0; i < this.area.length; i++) {
      const key = this.area.key(i);
      if (!key?.startsWith(`${this.prefix}.tx.`)) continue;
      try {
        const tx = JSON.parse(this.area.getItem(key) ?? '') as Partial<LoginTransaction>;
        if (typeof tx.createdAt !== 'number' || Date.now() - tx.createdAt > MAX_AGE_MS) {
          stale.push(key);
        }
      } catch {
        stale.push(key);
      }
    }
    for (const key of stale) this.area.removeItem(key);
  }
}
