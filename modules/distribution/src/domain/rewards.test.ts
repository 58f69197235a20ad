import { describe, expect, it } from 'vitest';
import { goods, opening, pkg, run, settle, state } from '../../test/scenario-helpers.ts';
import { InMemoryDistribution } from './in-memory-state.ts';
import { parseProfile, profileVersion, type Profile } from './profile.ts';

describe('§3 reward types', () => {
  it('R3 REPURCHASE: goods of an agent pay 10% to the referrer and 5% to the team boss', async () => {
    const buy = goods('O21', 'U4', 20_000, 11);
    const result = await run([...opening(), buy]);
    expect(result.credits(buy)).toEqual([
      ['U2', 'REPURCHASE_DIRECT', 2000, 'PENDING'],
      ['U1', 'REPURCHASE_TEAM', 1000, 'PENDING'],
    ]);
  });

  it('R3 REPURCHASE: a boss buyer has no team boss, so only the referrer earns', async () => {
    const buy = goods('O21', 'U2', 20_000);
    const result = await run([...opening(), buy]);
    expect(result.credits(buy)).toEqual([['U1', 'REPURCHASE_DIRECT', 2000, 'PENDING']]);
  });

  it('R3 REPURCHASE: goods of a plain member are not a repurchase and pay nothing', async () => {
    const buy = goods('O21', 'U9', 20_000);
    const result = await run([...opening(), buy]);
    expect(result.credits(buy)).toEqual([]);
    expect(result.member('U9')).toEqual(state('MEMBER', null, null, null));
  });

  it('R3 REPURCHASE: disabled repurchase rewards pay nothing', async () => {
    const buy = goods('O21', 'U4', 20_000);
    const result = await run([...opening(), buy], { rewards: { repurchase: { enabled: false } } });
    expect(result.credits(buy)).toEqual([]);
  });

  it('R3 REPURCHASE: rates are floored to the fen', async () => {
    const buy = goods('O21', 'U4', 999);
    const result = await run([...opening(), buy]);
    expect(result.credits(buy)).toEqual([
      ['U2', 'REPURCHASE_DIRECT', 99, 'PENDING'],
      ['U1', 'REPURCHASE_TEAM', 49, 'PENDING'],
    ]);
  });

  it('R3 PEER on repurchases only when the peer basis lists repurchase kinds', async () => {
    const buy = goods('O21', 'U5', 20_000);
    const plain = await run([...opening(), buy]);
    expect(plain.credits(buy).map(([, type]) => type)).toEqual(['REPURCHASE_DIRECT', 'REPURCHASE_TEAM']);
    const withPeer = await run([...opening(), buy], { rewards: { peer: { basis: ['DIRECT', 'TEAM', 'REPURCHASE_DIRECT', 'REPURCHASE_TEAM'] } } });
    expect(withPeer.credits(buy)).toEqual([
      ['U2', 'REPURCHASE_DIRECT', 2000, 'PENDING'],
      ['U2', 'REPURCHASE_TEAM', 1000, 'PENDING'],
      ['U1', 'PEER', 300, 'PENDING'],
    ]);
  });
});

describe('§4 peer reward variants (basis, recipient, generations)', () => {
  it('V-PEER-BASIS DIRECT only: 10% of the new boss’s direct reward', async () => {
    const events = opening();
    const result = await run(events, { rewards: { peer: { basis: ['DIRECT'] } } });
    expect(result.credits(events[4]!)[2]).toEqual(['U1', 'PEER', 1000, 'PENDING']);
  });

  it('V-PEER-BASIS TEAM only: 10% of the new boss’s team income', async () => {
    const events = opening();
    const result = await run(events, { rewards: { peer: { basis: ['TEAM'] } } });
    expect(result.credits(events[4]!)[2]).toEqual(['U1', 'PEER', 2000, 'PENDING']);
  });

  it('peer.enabled false and peer.rateBps: no peer, or another rate', async () => {
    const events = opening();
    expect((await run(events, { rewards: { peer: { enabled: false } } })).credits(events[4]!)).toHaveLength(2);
    expect((await run(events, { rewards: { peer: { rateBps: 500 } } })).credits(events[4]!)[2]).toEqual(['U1', 'PEER', 1500, 'PENDING']);
  });

  it('V-PEER-WHO REFERRER_CHAIN_NEAREST_BOSS: the nearest boss among the referral ancestors at upgrade', async () => {
    // U3 slid to U1, but by the time U3 upgrades its referrer U2 is a boss.
    const third = pkg('O8', 'U8', 'U3');
    const events = [...opening(), pkg('O6', 'U6', 'U3'), pkg('O7', 'U7', 'U3'), third];
    const left = await run(events);
    expect(left.member('U3').peerUpline).toBe('U1');
    const nearest = await run(events, { rewards: { peer: { recipient: 'REFERRER_CHAIN_NEAREST_BOSS' } } });
    expect(nearest.member('U3').peerUpline).toBe('U2');
    expect(nearest.credits(third)[2]).toEqual(['U2', 'PEER', 3000, 'PENDING']);
  });

  it('peer.generations 2: the peer upline of the peer upline earns too, on the same basis', async () => {
    // U5 (U2's own referral) upgrades with U9 and U10 and breaks away from U2; U2 left U1.
    const own = pkg('O11', 'U11', 'U5');
    const events = [...opening(), pkg('O9', 'U9', 'U5'), pkg('O10', 'U10', 'U5'), own];
    const one = await run(events);
    expect(one.credits(own)).toEqual([
      ['U5', 'DIRECT', 10000, 'PENDING'],
      ['U5', 'TEAM', 20000, 'PENDING'],
      ['U2', 'PEER', 3000, 'PENDING'],
    ]);
    const two = await run(events, { rewards: { peer: { generations: 2 } } });
    expect(two.credits(own)).toEqual([
      ['U5', 'DIRECT', 10000, 'PENDING'],
      ['U5', 'TEAM', 20000, 'PENDING'],
      ['U2', 'PEER', 3000, 'PENDING'],
      ['U1', 'PEER', 3000, 'PENDING'],
    ]);
  });

  it('PEER is never a basis for further PEER', async () => {
    const events = [...opening(), pkg('O9', 'U9', 'U5'), pkg('O10', 'U10', 'U5'), pkg('O11', 'U11', 'U5')];
    const result = await run(events);
    // U2 received PEER on O11 but U2's own peer upline U1 gets nothing on it.
    expect(result.credits(events[7]!).filter(([payee]) => payee === 'U1')).toEqual([]);
  });
});

describe('§6.1 profile parameters', () => {
  it('teamRewardTiming ON_SLIDE: the old boss is paid one TEAM per slid member at the hand-over', async () => {
    const events = opening();
    const result = await run(events, { teamRewardTiming: 'ON_SLIDE' });
    expect(result.credits(events[2]!)).toEqual([['U2', 'DIRECT', 10000, 'PENDING']]);
    expect(result.credits(events[3]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    // A boss's own referral is not a slide: its TEAM is paid at purchase.
    expect(result.credits(events[4]!).map(([payee, type]) => `${payee}:${type}`)).toEqual(['U2:DIRECT', 'U2:TEAM', 'U1:PEER']);
  });

  it('teamRewardTiming ON_SLIDE: no team reward when the agent never upgrades', async () => {
    const events = opening().slice(0, 3);
    const result = await run(events, { teamRewardTiming: 'ON_SLIDE' });
    expect(result.balance('U1')).toEqual({ pendingFen: 30000, settledFen: 0 });
  });

  it('limits.maxReferralDepthForTeamReward: TEAM stops beyond the depth, placement is unchanged', async () => {
    const deep = pkg('O6', 'U6', 'U3');
    const events = [...opening(), deep];
    const result = await run(events, { limits: { maxReferralDepthForTeamReward: 2 } });
    // U3 → U2 → U1: U1 is the 2nd generation above U3 (paid) but the 3rd above U6 (not paid).
    expect(result.credits(events[2]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(result.credits(deep)).toEqual([['U3', 'DIRECT', 10000, 'PENDING']]);
    expect(result.member('U6').teamBoss).toBe('U1');
    expect(result.event(deep)).toMatchObject({ capped: [{ beneficiary: 'U1', type: 'TEAM', amountFen: 20000, reason: 'team_depth_cap' }] });
  });

  it('limits.maxPayeesPerOrder 2 turns PEER off; 1 leaves only DIRECT', async () => {
    const events = opening();
    const two = await run(events, { limits: { maxPayeesPerOrder: 2 } });
    expect(two.credits(events[4]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(two.event(events[4]!)).toMatchObject({ capped: [{ beneficiary: 'U1', type: 'PEER', amountFen: 3000, reason: 'payee_cap' }] });
    const one = await run(events, { limits: { maxPayeesPerOrder: 1 } });
    expect(one.credits(events[4]!)).toEqual([['U2', 'DIRECT', 10000, 'PENDING']]);
  });

  it('limits.maxPayoutRatioBps: credits of one order stop at the ratio of the amount paid; the excess is recorded', async () => {
    const cheap = pkg('O2', 'U2', 'U1', 0, { amountFen: 20_000 });
    const patch = { rewards: { directFen: 4000, teamFen: 6000 }, limits: { maxPayoutRatioBps: 3000 } };
    const result = await run([pkg('O1', 'U1', null), cheap], patch);
    expect(result.credits(cheap)).toEqual([
      ['U1', 'DIRECT', 4000, 'PENDING'],
      ['U1', 'TEAM', 2000, 'PENDING'],
    ]);
    expect(result.event(cheap)).toMatchObject({ capped: [{ beneficiary: 'U1', type: 'TEAM', amountFen: 4000, reason: 'payout_ratio_cap' }] });
  });

  it('limits.dailyIncomeCapFen: a payee’s credits stop at the cap for the day, and the next day starts afresh', async () => {
    const sameDay = pkg('O3', 'U3', 'U1');
    const nextDay = pkg('O4', 'U4', 'U1', 1);
    const result = await run([pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), sameDay, nextDay], { limits: { dailyIncomeCapFen: 40_000 } });
    expect(result.credits(sameDay)).toEqual([['U1', 'DIRECT', 10000, 'PENDING']]);
    expect(result.event(sameDay)).toMatchObject({ capped: [{ beneficiary: 'U1', type: 'TEAM', amountFen: 20000, reason: 'daily_income_cap' }] });
    expect(result.credits(nextDay)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('limits.monthlyIncomeCapFen: income is capped per calendar month', async () => {
    const laterInJanuary = pkg('O3', 'U3', 'U1', 20);
    const february = pkg('O4', 'U4', 'U1', 31);
    const result = await run([pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), laterInJanuary, february], { limits: { monthlyIncomeCapFen: 45_000 } });
    expect(result.credits(laterInJanuary)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 5000, 'PENDING'],
    ]);
    expect(result.credits(february)).toHaveLength(2);
  });

  it('rewards.directRateBps / teamRateBps: share-of-order rewards, floored to the fen', async () => {
    const order = pkg('O2', 'U2', 'U1', 0, { amountFen: 39_999 });
    const result = await run([pkg('O1', 'U1', null), order], { rewards: { directRateBps: 1500, teamRateBps: 1000 } });
    expect(result.credits(order).slice(0, 2)).toEqual([
      ['U1', 'DIRECT', 5999, 'PENDING'],
      ['U1', 'TEAM', 3999, 'PENDING'],
    ]);
  });

  it('settlement.freezeDays: SETTLE posts lines of orders paid freezeDays ago or earlier', async () => {
    const early = settle(2);
    const due = settle(3);
    const result = await run([pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), early, due], { settlement: { freezeDays: 3 } });
    expect(result.changes(early)).toEqual([]);
    expect(result.changes(due)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING', 'SETTLED'],
      ['U1', 'TEAM', 20000, 'PENDING', 'SETTLED'],
    ]);
  });

  it('profile version: recorded on every reward line; an explicit version wins over the rules hash', () => {
    const parsed = parseProfile({ ...(structuredClone(runProfile()) as object), version: 'v7', id: 'p0' });
    expect(parsed.ok).toBe(true);
    const profile = (parsed as { value: Profile }).value;
    const store = new InMemoryDistribution();
    store.handle({ type: 'PACKAGE_PAID', orderId: 'O1', userId: 'U1', referrerId: null, amountFen: 39_900n, atMs: 0 }, profile);
    store.handle({ type: 'PACKAGE_PAID', orderId: 'O2', userId: 'U2', referrerId: 'U1', amountFen: 39_900n, atMs: 0 }, profile);
    expect(store.allLines().map((line) => [line.id, line.profileId, line.profileVersion])).toEqual([
      ['O2:direct', 'p0', 'v7'],
      ['O2:team', 'p0', 'v7'],
    ]);
    const unversioned = parseProfile(runProfile());
    expect(unversioned.ok && profileVersion(unversioned.value)).toMatch(/^h[0-9a-f]{16}$/);
  });

  it('profile validation: amounts must be whole fen, rates within 0–10000 bps, enums known', () => {
    expect(parseProfile({ ...runProfile(), packagePriceFen: 399.5 }).ok).toBe(false);
    expect(parseProfile({ ...runProfile(), upgradeThreshold: 0 }).ok).toBe(false);
    expect(parseProfile({ ...runProfile(), teamRewardTiming: 'LATER' }).ok).toBe(false);
    const badRate = parseProfile({ ...runProfile(), rewards: { ...runProfile().rewards, peer: { ...runProfile().rewards.peer, rateBps: 10_001 } } });
    expect(badRate).toMatchObject({ ok: false, code: 'invalid_profile' });
    expect(parseProfile({ ...runProfile(), packagePriceFen: '39900' }).ok).toBe(true);
  });
});

function runProfile() {
  return {
    packagePriceFen: 39900,
    upgradeThreshold: 2,
    noReferrerRole: 'BOSS',
    placement: 'REFERRER_TEAM_BOSS',
    teamRewardTiming: 'ON_PURCHASE',
    rewards: {
      directFen: 10000,
      teamFen: 20000,
      peer: { enabled: true, rateBps: 1000, basis: ['DIRECT', 'TEAM'], recipient: 'LEFT_TEAM_BOSS', generations: 1 },
      repurchase: { enabled: true, directRateBps: 1000, teamRateBps: 500 },
    },
    limits: { maxReferralDepthForTeamReward: null, maxPayeesPerOrder: null, maxPayoutRatioBps: null, dailyIncomeCapFen: null },
    settlement: { freezeDays: 7 },
    refund: { windowDays: 7, afterSettlement: 'CLAWBACK', upgradeRollback: 'REVERT_IF_NO_DEPENDENTS' },
  };
}
