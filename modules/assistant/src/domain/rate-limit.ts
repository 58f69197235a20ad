/** A sliding-window limit: at most `max` requests per `windowMs` per key. */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

/**
 * Decides one request against the times of the key's recent requests (oldest first) and returns the
 * times to keep. Pure, so the in-memory limiter and its tests share the rule.
 */
export function admit(recent: readonly number[], nowMs: number, limit: RateLimit): { allowed: boolean; recent: number[] } {
  const kept = recent.filter((at) => at > nowMs - limit.windowMs);
  if (kept.length >= limit.max) return { allowed: false, recent: kept };
  return { allowed: true, recent: [...kept, nowMs] };
}

/** Limits kept in process memory: enough for one API process; a cluster would share them in the database. */
export function createRateLimiter(limit: RateLimit, maxKeys = 10_000) {
  const windows = new Map<string, number[]>();
  return {
    allow(key: string, nowMs: number): boolean {
      const decision = admit(windows.get(key) ?? [], nowMs, limit);
      windows.delete(key);
      // Oldest keys go first once the map is full, so memory stays bounded under a flood of new keys.
      if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
      windows.set(key, decision.recent);
      return decision.allowed;
    },
  };
}
