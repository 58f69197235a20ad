import { publishEvent, silentLogger, type Subscriber } from '@linkmall/events';
import { systemClock, systemContext } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 6 });
});
afterAll(() => database?.destroy());

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a worker with several delivery loops', () => {
  it('keeps delivering to other subscribers while one is stuck, and gives each its events once, in order', async () => {
    const slow: number[] = [];
    const fast: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const subscribers: Subscriber[] = [
      {
        name: 'test.slow',
        eventTypes: ['test.numbered'],
        handle: async (_tx, event) => {
          const n = (event.payload as { n: number }).n;
          if (n === 0) await released;
          slow.push(n);
        },
      },
      { name: 'test.fast', eventTypes: ['test.numbered'], handle: async (_tx, event) => void fast.push((event.payload as { n: number }).n) },
    ];
    const ctx = systemContext(systemClock);
    for (let n = 0; n < 20; n++) await database.db.transaction().execute((tx) => publishEvent(tx, ctx, { type: 'test.numbered', payload: { n } }));
    const worker = await startWorker({ database, subscribers, jobs: [], clock: systemClock, logger: silentLogger, pollIntervalMs: 20, concurrency: 3 });
    try {
      // The slow subscriber holds its first event; with one loop nothing else could move meanwhile.
      await waitFor(() => fast.length === 20, 10_000);
      expect(slow).toEqual([]);
      release();
      await waitFor(() => slow.length === 20, 10_000);
      const inOrder = Array.from({ length: 20 }, (_, n) => n);
      expect(fast).toEqual(inOrder);
      expect(slow).toEqual(inOrder);
    } finally {
      release();
      await worker.stop();
    }
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    await expect(startWorker({ database, subscribers: [], jobs: [], clock: systemClock, logger: silentLogger, pollIntervalMs: 20, concurrency: 0 })).rejects.toThrow('concurrency');
  });
});
