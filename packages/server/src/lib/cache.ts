// A small time-bounded cache: a value read from the store is trusted for at most `ttlMs`, so a
// revocation made by any instance sharing the store takes effect everywhere within that time,
// without a store round-trip on every request. Local changes call `delete` to apply at once.

interface Entry<V> {
  value: V;
  at: number;
}

export class FreshnessCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly pending = new Map<K, Promise<V>>();
  /** Bumped by every delete, so a load that began before a revocation is not cached. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const inflight = this.pending.get(key);
    if (inflight) return inflight;
    const generation = this.generation;
    const loading = load(key).then(
      (value) => {
        if (this.pending.get(key) === loading) this.pending.delete(key);
        if (generation !== this.generation) return value;
        if (this.entries.size >= this.maxEntries) this.evict(now);
        this.entries.set(key, { value, at: now });
        return value;
      },
      (err: unknown) => {
        if (this.pending.get(key) === loading) this.pending.delete(key);
        throw err;
      },
    );
    this.pending.set(key, loading);
    return loading;
  }

  delete(key: K): void {
    this.generation++;
    this.entries.delete(key);
    this.pending.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.pending.clear();
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.at >= this.ttlMs) this.entries.delete(key);
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
