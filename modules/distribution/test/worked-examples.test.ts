import { describe, expect, it } from 'vitest';
import { opening, run, state } from './scenario-helpers.ts';

/** §7: the public worked examples E01–E05 under P0, and the two limit variants stated below the table. */
describe('§7 worked examples', () => {
  it('E01–E05 credits and states, all PENDING', async () => {
    const events = opening();
    const result = await run(events);
    const [e01, e02, e03, e04, e05] = events as [typeof events[0], typeof events[0], typeof events[0], typeof events[0], typeof events[0]];
    expect(result.credits(e01)).toEqual([]);
    expect(result.credits(e02)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(result.credits(e03)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(result.credits(e04)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(result.credits(e05)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
      ['U1', 'PEER', 3000, 'PENDING'],
    ]);
    expect(result.member('U1')).toEqual(state('BOSS', null, null, null));
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U4']));
    expect(result.member('U3')).toEqual(state('AGENT', 'U2', 'U1', null));
    expect(result.member('U4')).toEqual(state('AGENT', 'U2', 'U1', null));
    expect(result.member('U5')).toEqual(state('AGENT', 'U2', 'U2', null));
    expect(result.balance('U1')).toEqual({ pendingFen: 30000 + 20000 + 20000 + 3000, settledFen: 0 });
    expect(result.balance('U2')).toEqual({ pendingFen: 50000, settledFen: 0 });
  });

  it('E03/E04 intermediate states: U2 holds [U3] after E03 and upgrades on E04', async () => {
    const afterE03 = await run(opening().slice(0, 3));
    expect(afterE03.member('U2')).toEqual(state('AGENT', 'U1', 'U1', null, ['U3']));
    const afterE04 = await run(opening().slice(0, 4));
    expect(afterE04.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U4']));
  });

  it('with limits.maxPayeesPerOrder = 2, E05 pays only U2’s two lines', async () => {
    const events = opening();
    const result = await run(events, { limits: { maxPayeesPerOrder: 2 } });
    expect(result.credits(events[4]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('with limits.maxPayoutRatioBps = 3000, P0 is rejected and direct 40 / team 60 / peer 10% is accepted', async () => {
    await expect(run(opening(), { limits: { maxPayoutRatioBps: 3000 } })).rejects.toThrow(/payout_ratio_above_cap/);
    const events = opening();
    const accepted = await run(events, { rewards: { directFen: 4000, teamFen: 6000 }, limits: { maxPayoutRatioBps: 3000 } });
    expect(accepted.credits(events[4]!)).toEqual([
      ['U2', 'DIRECT', 4000, 'PENDING'],
      ['U2', 'TEAM', 6000, 'PENDING'],
      ['U1', 'PEER', 1000, 'PENDING'],
    ]);
  });
});
