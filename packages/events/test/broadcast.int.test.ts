import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Database } from '@linkmall/db';
import { createThrowawayDatabase, TEST_SERVER_URL, type ThrowawayDatabase } from './throwaway-database.ts';
import { BroadcastPayloadTooLarge, createInProcessBroadcast, createInProcessLimits, createPostgresBroadcast, createPostgresLimits, createRedisBroadcast, createRedisLimits, redisAnswers, type Broadcast, type SharedLimits } from '../src/index.ts';

/**
 * The broadcast and shared-limit ports: one contract for every transport. Two instances stand for two
 * processes (each has its own listener connection, exactly as two processes would).
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function heard(received: unknown[], count: number, timeoutMs = 10_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) if (received.length >= count) return true;
  return received.length >= count;
}

async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

let throwaway: ThrowawayDatabase;
let database: Database & { url: string };
const redisUp = await redisAnswers(REDIS_URL);
const serverUrl = await serverAnswers();
const prefix = `linkmall:test-${process.pid}-${Date.now()}:`;

beforeAll(async () => {
  if (!serverUrl) return;
  throwaway = await createThrowawayDatabase('broadcast');
  database = { ...(await throwaway.open(4)), url: throwaway.url };
});
afterAll(async () => {
  await throwaway?.drop();
});

function broadcastContract(name: string, open: () => Promise<Broadcast>, skip: () => boolean) {
  describe.skipIf(skip())(`${name} broadcast`, () => {
    let a: Broadcast;
    let b: Broadcast;
    beforeAll(async () => {
      [a, b] = [await open(), await open()];
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('delivers to subscribers in the sending process at once and in the other process once', async () => {
      const inA: unknown[] = [];
      const inB: unknown[] = [];
      const stopA = a.subscribe('test.channel', (payload) => inA.push(payload));
      const stopB = b.subscribe('test.channel', (payload) => inB.push(payload));
      await a.publish('test.channel', { n: 1, text: '访客查看了名片' });
      expect(inA).toEqual([{ n: 1, text: '访客查看了名片' }]);
      expect(await heard(inB, 1)).toBe(true);
      await sleep(100);
      // No echo: the sender's own message comes back over the wire and is dropped.
      expect(inA).toHaveLength(1);
      expect(inB).toEqual([{ n: 1, text: '访客查看了名片' }]);
      stopA();
      stopB();
    });

    it('keeps channels apart and stops delivering after unsubscribe', async () => {
      const other: unknown[] = [];
      const stop = b.subscribe('test.other', (payload) => other.push(payload));
      await a.publish('test.channel', 'not for other');
      await a.publish('test.other', 'for other');
      expect(await heard(other, 1)).toBe(true);
      stop();
      await a.publish('test.other', 'after unsubscribe');
      await sleep(200);
      expect(other).toEqual(['for other']);
    });

    it('refuses payloads NOTIFY could not carry, and bad channel names', async () => {
      await expect(a.publish('test.channel', 'x'.repeat(9_000))).rejects.toBeInstanceOf(BroadcastPayloadTooLarge);
      await expect(a.publish('Bad Channel', 1)).rejects.toThrow(/channel/);
    });
  });
}

// One process only: both "processes" are the same instance.
const single = createInProcessBroadcast();
broadcastContract('in-process', async () => single, () => false);
broadcastContract('PostgreSQL', async () => createPostgresBroadcast({ url: database.url!, executeSql: database.executeSql }), () => !serverUrl);
broadcastContract('Redis', async () => createRedisBroadcast({ url: REDIS_URL, keyPrefix: prefix }), () => !redisUp);

describe.skipIf(!serverUrl)('PostgreSQL broadcast reconnects', () => {
  it('listens again after its connection is killed, and hears later messages', async () => {
    const sender = await createPostgresBroadcast({ url: database.url, executeSql: database.executeSql });
    const receiver = await createPostgresBroadcast({ url: database.url, executeSql: database.executeSql, applicationName: 'linkmall-broadcast-victim' });
    const received: unknown[] = [];
    receiver.subscribe('test.reconnect', (payload) => received.push(payload));
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'linkmall-broadcast-victim'");
    await admin.end();
    // Keep sending until the receiver is back (backoff starts at 250 ms); only a reconnect makes this end.
    for (let attempt = 0; received.length === 0 && attempt < 100; attempt++) {
      await sender.publish('test.reconnect', { attempt });
      await sleep(100);
    }
    expect(received.length).toBeGreaterThan(0);
    await sender.close();
    await receiver.close();
  }, 30_000);
});

function limitsContract(name: string, open: () => Promise<{ a: SharedLimits; b: SharedLimits; close?: () => void }>, skip: () => boolean) {
  describe.skipIf(skip())(`${name} shared limits`, () => {
    it('refuses a nonce replayed to another process until it expires', async () => {
      const { a, b, close } = await open();
      const now = new Date('2026-03-01T00:00:00Z');
      const nonce = `n-${Math.random()}`;
      expect(await a.claimOnce('test', nonce, 60_000, now)).toBe(true);
      expect(await b.claimOnce('test', nonce, 60_000, new Date(now.getTime() + 1_000))).toBe(false);
      expect(await b.claimOnce('other-scope', nonce, 60_000, now)).toBe(true);
      if (name !== 'Redis') expect(await b.claimOnce('test', nonce, 60_000, new Date(now.getTime() + 61_000))).toBe(true);
      close?.();
    });

    it('counts hits of every process in one fixed window', async () => {
      const { a, b, close } = await open();
      const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const key = `k-${Math.random()}`;
      const counts = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? a : b).hit('test', key, 60_000, new Date(start.getTime() + index))));
      expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await a.hit('test', key, 60_000, new Date(start.getTime() + 60_000))).toBe(1);
      close?.();
    });
  });
}

limitsContract('in-process', async () => {
  const shared = createInProcessLimits();
  return { a: shared, b: shared };
}, () => false);
limitsContract('PostgreSQL', async () => ({ a: createPostgresLimits(database.db, 1), b: createPostgresLimits(database.db, 1) }), () => !serverUrl);
limitsContract('Redis', async () => {
  const [one, two] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  return { a: createRedisLimits(one, prefix), b: createRedisLimits(two, prefix), close: () => [one, two].forEach((redis) => redis.disconnect()) };
}, () => !redisUp);
