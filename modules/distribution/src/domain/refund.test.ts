import { describe, expect, it } from 'vitest';
import { goods, opening, pkg, refund, run, settle, state } from '../../test/scenario-helpers.ts';
import { InMemoryDistribution } from './in-memory-state.ts';
import { CLASSIC_PROFILE } from './profile.ts';

describe('§6.4 refunds', () => {
  it('RF1 a refund inside the freeze reverses the order’s pending lines', async () => {
    const back = refund('O3', 2);
    const result = await run([...opening(), back]);
    expect(result.credits(back)).toEqual([]);
    expect(result.changes(back)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING', 'REVERSED'],
      ['U1', 'TEAM', 20000, 'PENDING', 'REVERSED'],
    ]);
  });

  it('RF1 a refund after settlement appends negative CLAWBACK lines, settled', async () => {
    const back = refund('O5', 9);
    const result = await run([...opening(), settle(7), back]);
    expect(result.changes(back)).toEqual([]);
    expect(result.credits(back)).toEqual([
      ['U2', 'CLAWBACK_DIRECT', -10000, 'SETTLED'],
      ['U2', 'CLAWBACK_TEAM', -20000, 'SETTLED'],
      ['U1', 'CLAWBACK_PEER', -3000, 'SETTLED'],
    ]);
    expect(result.balance('U2')).toEqual({ pendingFen: 0, settledFen: 20000 });
  });

  it('RF1 refund.afterSettlement KEEP leaves settled money alone', async () => {
    const back = refund('O5', 9);
    const result = await run([...opening(), settle(7), back], { refund: { afterSettlement: 'KEEP' } });
    expect(result.credits(back)).toEqual([]);
    expect(result.changes(back)).toEqual([]);
    expect(result.balance('U2')).toEqual({ pendingFen: 0, settledFen: 50000 });
  });

  it('RF1 a refund of a repurchase only reverses its money', async () => {
    const buy = goods('O21', 'U4', 20_000, 1);
    const back = refund('O21', 2);
    const result = await run([...opening(), buy, back]);
    expect(result.changes(back)).toEqual([
      ['U2', 'REPURCHASE_DIRECT', 2000, 'PENDING', 'REVERSED'],
      ['U1', 'REPURCHASE_TEAM', 1000, 'PENDING', 'REVERSED'],
    ]);
    expect(result.member('U4').role).toBe('AGENT');
  });

  it('RF2 the buyer reverts to MEMBER with no team, keeps the referrer, and leaves the referrer’s slots', async () => {
    const back = refund('O3', 1);
    const result = await run([...opening().slice(0, 3), back]);
    expect(result.member('U3')).toEqual(state('MEMBER', 'U2', null, null));
    expect(result.member('U2')).toEqual(state('AGENT', 'U1', 'U1', null, []));
  });

  it('RF2 only paid, non-refunded packages count toward the upgrade', async () => {
    const events = [...opening().slice(0, 3), refund('O3', 1), pkg('O4', 'U4', 'U2', 1)];
    const result = await run(events);
    expect(result.member('U2')).toEqual(state('AGENT', 'U1', 'U1', null, ['U4']));
  });

  it('RF2 a refunded member can buy again, through the same referrer', async () => {
    const again = pkg('O9', 'U3', null, 3);
    const result = await run([...opening().slice(0, 3), refund('O3', 1), again]);
    expect(result.member('U3')).toEqual(state('AGENT', 'U2', 'U1', null));
    expect(result.member('U2').slots).toEqual(['U3']);
  });

  it('RF3 refunding the upgrading order inside the window, with no later referrals, rolls the upgrade back', async () => {
    const back = refund('O4', 7);
    const result = await run([...opening().slice(0, 4), back]);
    expect(result.member('U2')).toEqual(state('AGENT', 'U1', 'U1', null, ['U3']));
    expect(result.member('U4')).toEqual(state('MEMBER', 'U2', null, null));
    // U2 is an agent again: the next referral slides to U1 and re-upgrades U2.
    const redo = await run([...opening().slice(0, 4), refund('O4', 7), pkg('O6', 'U6', 'U2', 7)]);
    expect(redo.credits(redo.events[5]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(redo.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U6']));
  });

  it('RF3 outside the window the boss status stays and the boss is flagged for review', async () => {
    const result = await run([...opening().slice(0, 4), refund('O4', 8)]);
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3'], ['REVIEW']));
    expect(result.member('U4')).toEqual(state('MEMBER', 'U2', null, null));
  });

  it('RF3 with referrals after the upgrade the boss status stays and is flagged', async () => {
    const result = await run([...opening(), refund('O4', 1)]);
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3'], ['REVIEW']));
  });

  it('RF3 upgradeRollback STICKY never rolls back, and flags the boss', async () => {
    const result = await run([...opening().slice(0, 4), refund('O4', 1)], { refund: { upgradeRollback: 'STICKY' } });
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3'], ['REVIEW']));
  });

  it('RF4 a buyer with dependants keeps role, links and slots; the money is still reversed and the buyer flagged', async () => {
    const back = refund('O3', 1);
    const result = await run([...opening(), pkg('O6', 'U6', 'U3'), back]);
    expect(result.changes(back)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING', 'REVERSED'],
      ['U1', 'TEAM', 20000, 'PENDING', 'REVERSED'],
    ]);
    expect(result.member('U3')).toEqual(state('AGENT', 'U2', 'U1', null, ['U6'], ['REVIEW']));
    expect(result.member('U2').slots).toEqual(['U3', 'U4']);
  });

  it('RF4 a boss buyer keeps the structure and is flagged (including a root boss)', async () => {
    const result = await run([...opening(), refund('O2', 1), refund('O1', 1)]);
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U4'], ['REVIEW']));
    expect(result.member('U1')).toEqual(state('BOSS', null, null, null, [], ['REVIEW']));
  });

  it('RF* a repeated refund changes nothing; an unknown order is refused', async () => {
    const again = refund('O3', 2);
    const unknown = refund('O404', 2);
    const result = await run([...opening(), refund('O3', 1), again, unknown]);
    expect(result.event(again)).toMatchObject({ accepted: true, credits: [], changes: [] });
    expect(result.event(unknown)).toEqual({ id: unknown.id, accepted: false, code: 'unknown_order' });
  });

  it('partial refund: pending rewards are voided and re-credited in proportion; the package stays', async () => {
    const part = refund('O5', 1, 19_950);
    const result = await run([...opening(), part]);
    expect(result.changes(part)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING', 'REVERSED'],
      ['U2', 'TEAM', 20000, 'PENDING', 'REVERSED'],
      ['U1', 'PEER', 3000, 'PENDING', 'REVERSED'],
    ]);
    expect(result.credits(part)).toEqual([
      ['U2', 'DIRECT', 5000, 'PENDING'],
      ['U2', 'TEAM', 10000, 'PENDING'],
      ['U1', 'PEER', 1500, 'PENDING'],
    ]);
    expect(result.member('U5').role).toBe('AGENT');
  });

  it('partial refund after settlement claws back the share; the rest of the refund then completes it', async () => {
    const part = refund('O21', 9, 5_000);
    const rest = refund('O21', 10);
    const result = await run([...opening(), goods('O21', 'U4', 20_000), settle(7), part, rest]);
    expect(result.credits(part)).toEqual([
      ['U2', 'CLAWBACK_REPURCHASE_DIRECT', -500, 'SETTLED'],
      ['U1', 'CLAWBACK_REPURCHASE_TEAM', -250, 'SETTLED'],
    ]);
    expect(result.credits(rest)).toEqual([
      ['U2', 'CLAWBACK_REPURCHASE_DIRECT', -1500, 'SETTLED'],
      ['U1', 'CLAWBACK_REPURCHASE_TEAM', -750, 'SETTLED'],
    ]);
  });

  it('refund effects: flags and rollbacks are reported as past-tense facts', () => {
    const store = new InMemoryDistribution();
    const day = 86_400_000;
    for (const [orderId, userId, referrerId] of [
      ['O1', 'U1', null],
      ['O2', 'U2', 'U1'],
      ['O3', 'U3', 'U2'],
      ['O4', 'U4', 'U2'],
    ] as const) {
      store.handle({ type: 'PACKAGE_PAID', orderId, userId, referrerId, amountFen: 39_900n, atMs: 0 }, CLASSIC_PROFILE);
    }
    const outcome = store.handle({ type: 'ORDER_REFUNDED', orderId: 'O4', atMs: day }, CLASSIC_PROFILE);
    expect(outcome.delta.effects.map((effect) => effect.type)).toEqual(['distribution.package_revoked', 'distribution.upgrade_rolled_back']);
    expect(outcome.delta.lineChanges.map((change) => change.lineId)).toEqual(['O4:direct', 'O4:team']);
  });
});

describe('settlement (§6.3, §8)', () => {
  it('SETTLE on day D posts pending lines of orders paid on D − freezeDays or earlier, once', async () => {
    const early = settle(6);
    const due = settle(7);
    const again = settle(8);
    const result = await run([pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), pkg('O3', 'U3', 'U1', 1), early, due, again]);
    expect(result.changes(early)).toEqual([]);
    expect(result.changes(due)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING', 'SETTLED'],
      ['U1', 'TEAM', 20000, 'PENDING', 'SETTLED'],
    ]);
    expect(result.changes(again)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING', 'SETTLED'],
      ['U1', 'TEAM', 20000, 'PENDING', 'SETTLED'],
    ]);
    expect(result.balance('U1')).toEqual({ pendingFen: 0, settledFen: 60000 });
  });

  it('balances: the sum of non-reversed pending and settled lines, clawbacks included', async () => {
    const result = await run([...opening(), settle(7), refund('O4', 8), pkg('O6', 'U6', 'U2', 8)]);
    expect(result.balance('U1')).toEqual({ pendingFen: 3000, settledFen: 73000 - 20000 });
    expect(result.balance('U2')).toEqual({ pendingFen: 30000, settledFen: 50000 - 10000 });
  });
});
