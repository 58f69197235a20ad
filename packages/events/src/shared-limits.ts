import type { Redis } from 'ioredis';
import { sql, type Db } from '@linkmall/db';

/**
 * State a rate limit or a replay guard needs to share between API processes: a nonce seen by one
 * process is refused by every other, and a counter sees the requests of all of them.
 */
export interface SharedLimits {
  /** True the first time `nonce` is claimed in `scope` within `ttlMs`; false for a replay. */
  claimOnce(scope: string, nonce: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Counts one hit in the fixed window of `windowMs` containing `now`; returns the hits so far, this one included. */
  hit(scope: string, key: string, windowMs: number, now: Date): Promise<number>;
  readonly kind: 'in-process' | 'postgres' | 'redis';
}

const windowStartMs = (nowMs: number, windowMs: number) => Math.floor(nowMs / windowMs) * windowMs;

/** One process (embedded PGlite): plain maps, bounded so a flood of new keys cannot grow them forever. */
export function createInProcessLimits(maxKeys = 100_000): SharedLimits {
  const nonces = new Map<string, number>();
  const counters = new Map<string, { windowStartMs: number; hits: number }>();
  const bound = <T>(map: Map<string, T>) => {
    if (map.size >= maxKeys) map.delete(map.keys().next().value!);
  };
  return {
    kind: 'in-process',
    async claimOnce(scope, nonce, ttlMs, now) {
      const key = `${scope}\u0000${nonce}`;
      const expiresAtMs = nonces.get(key);
      if (expiresAtMs !== undefined && expiresAtMs > now.getTime()) return false;
      bound(nonces);
      nonces.set(key, now.getTime() + ttlMs);
      return true;
    },
    async hit(scope, key, windowMs, now) {
      const id = `${scope}\u0000${key}`;
      const start = windowStartMs(now.getTime(), windowMs);
      const current = counters.get(id);
      const next = current && current.windowStartMs === start ? { windowStartMs: start, hits: current.hits + 1 } : { windowStartMs: start, hits: 1 };
      counters.delete(id);
      bound(counters);
      counters.set(id, next);
      return next.hits;
    },
  };
}

/**
 * PostgreSQL tables (migration 0030): one upsert per call. Expired rows are swept now and then by the
 * callers themselves (about one call in 200), so no scheduled job is needed and the tables stay small.
 */
export function createPostgresLimits(db: Db, sweepEvery = 200): SharedLimits {
  let calls = 0;
  const maybeSweep = async (now: Date) => {
    if (++calls % sweepEvery !== 0) return;
    await sql`delete from replay_nonces where expires_at <= ${now}`.execute(db);
    await sql`delete from rate_limit_windows where expires_at <= ${now}`.execute(db);
  };
  return {
    kind: 'postgres',
    async claimOnce(scope, nonce, ttlMs, now) {
      await maybeSweep(now);
      const expiresAt = new Date(now.getTime() + ttlMs);
      // A row whose window has passed is taken over; a live one makes the statement return nothing.
      const result = await sql<{ claimed: number }>`
        insert into replay_nonces (scope, nonce, expires_at) values (${scope}, ${nonce}, ${expiresAt})
        on conflict (scope, nonce) do update set expires_at = excluded.expires_at where replay_nonces.expires_at <= ${now}
        returning 1 as claimed`.execute(db);
      return result.rows.length === 1;
    },
    async hit(scope, key, windowMs, now) {
      await maybeSweep(now);
      const start = new Date(windowStartMs(now.getTime(), windowMs));
      const expiresAt = new Date(start.getTime() + windowMs);
      const result = await sql<{ hits: number }>`
        insert into rate_limit_windows (scope, key, window_start, hits, expires_at) values (${scope}, ${key}, ${start}, 1, ${expiresAt})
        on conflict (scope, key, window_start) do update set hits = rate_limit_windows.hits + 1
        returning hits`.execute(db);
      return Number(result.rows[0]!.hits);
    },
  };
}

/** Redis when REDIS_URL is set: SET NX PX for nonces, INCR with an expiry for counters. */
export function createRedisLimits(redis: Redis, keyPrefix: string): SharedLimits {
  return {
    kind: 'redis',
    async claimOnce(scope, nonce, ttlMs) {
      return (await redis.set(`${keyPrefix}nonce:${scope}:${nonce}`, '1', 'PX', Math.max(1, ttlMs), 'NX')) === 'OK';
    },
    async hit(scope, key, windowMs, now) {
      const start = windowStartMs(now.getTime(), windowMs);
      const id = `${keyPrefix}hits:${scope}:${key}:${start}`;
      const [[, hits]] = (await redis.multi().incr(id).pexpire(id, windowMs + 1_000).exec()) as [[Error | null, number], unknown];
      return Number(hits);
    },
  };
}
