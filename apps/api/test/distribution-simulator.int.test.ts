import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSIC_PROFILE_INPUT, simulate } from '@linkmall/distribution';
import { simulateOnDatabase } from '@linkmall/flows';

/**
 * The database-backed engine (tables, lookup, locks, ledger) and the in-memory engine must give the
 * same simulator output, on the spec's vectors and on a random scenario; the ledger verifies after.
 */
const vectors = JSON.parse(readFileSync(new URL('../../../modules/distribution/test/fixtures/liandong-vectors.json', import.meta.url), 'utf8')) as Record<string, { profile: unknown; events: unknown[] }>;

function randomScenario(seed: number, size: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const events: Record<string, unknown>[] = [{ id: 'E0', day: 0, type: 'PACKAGE_PAID', order: 'O0', user: 'U0', amountFen: 39_900 }];
  const holders = ['U0'];
  const paidOrders: string[] = ['O0'];
  let day = 0;
  for (let index = 1; index < size; index++) {
    if (next() < 0.15) day += 1;
    const roll = next();
    if (roll < 0.6) {
      const user = `U${index}`;
      events.push({ id: `E${index}`, day, type: 'PACKAGE_PAID', order: `O${index}`, user, referrer: holders[Math.floor(next() * holders.length)], amountFen: 39_900 });
      holders.push(user);
      paidOrders.push(`O${index}`);
    } else if (roll < 0.75) {
      events.push({ id: `E${index}`, day, type: 'GOODS_PAID', order: `O${index}`, user: holders[Math.floor(next() * holders.length)], amountFen: 10_000 + Math.floor(next() * 20_000) });
      paidOrders.push(`O${index}`);
    } else if (roll < 0.87) {
      events.push({ id: `E${index}`, day, type: 'ORDER_REFUNDED', order: paidOrders[Math.floor(next() * paidOrders.length)] });
    } else {
      day += 3;
      events.push({ id: `E${index}`, day, type: 'SETTLE' });
    }
  }
  return { profile: CLASSIC_PROFILE_INPUT, events };
}

describe('database engine = in-memory engine', () => {
  for (const [key, vector] of Object.entries(vectors)) {
    it(`vector ${key}`, async () => {
      const memory = await simulate({ profile: vector.profile, events: vector.events });
      const database = await simulateOnDatabase({ profile: vector.profile, events: vector.events });
      expect(database.output).toEqual(memory.output);
      expect(database.exitCode).toBe(memory.exitCode);
      expect(database.ledgerVerified).toBe(true);
    }, 120_000);
  }

  it('a random scenario with slides, repurchases, refunds before and after settling', async () => {
    const scenario = randomScenario(20_261_122, 120);
    const memory = await simulate(scenario);
    expect(memory.exitCode).toBe(0);
    const database = await simulateOnDatabase(scenario);
    expect(database.output).toEqual(memory.output);
    expect(database.ledgerVerified).toBe(true);
  }, 300_000);
});
