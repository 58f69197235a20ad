/**
 * A token bucket per key (client address or visitor): `capacity` requests at once, refilled at
 * `refillPerSecond`. Time is passed in, so the rule is testable; keys idle long enough to be full
 * again are forgotten, so memory stays bounded by the active clients.
 */
export interface RateLimit {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; atMs: number }>();
  #lastSweepMs = 0;

  constructor(private readonly limit: RateLimit) {
    if (limit.capacity < 1 || limit.refillPerSecond <= 0) throw new Error('a rate limit needs a capacity ≥ 1 and a positive refill rate');
  }

  /** Takes one token for `key`; false when the bucket is empty (the caller answers 429). */
  take(key: string, nowMs: number): boolean {
    this.#sweep(nowMs);
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.capacity, atMs: nowMs };
    const refilled = Math.min(this.limit.capacity, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * this.limit.refillPerSecond);
    if (refilled < 1) {
      this.#buckets.set(key, { tokens: refilled, atMs: nowMs });
      return false;
    }
    this.#buckets.set(key, { tokens: refilled - 1, atMs: nowMs });
    return true;
  }

  get size(): number {
    return this.#buckets.size;
  }

  #sweep(nowMs: number): void {
    const fullAfterMs = (this.limit.capacity / this.limit.refillPerSecond) * 1000;
    if (nowMs - this.#lastSweepMs < fullAfterMs) return;
    this.#lastSweepMs = nowMs;
    for (const [key, bucket] of this.#buckets) if (nowMs - bucket.atMs >= fullAfterMs) this.#buckets.delete(key);
  }
}
