// An in-memory token bucket per key (a client id, an address): `burst` requests at once, then
// `perMinute` sustained. Per instance by design: limits abuse without a store round-trip.

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly burst: number,
    perMinute: number,
    private readonly maxKeys = 50_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until a token is available. */
  take(key: string, now = Date.now()): number {
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perMs / 1000);
  }

  /** Seconds until a token is available without taking one; 0 when one is available now. */
  wait(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perMs / 1000);
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.buckets.clear();
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }
}
