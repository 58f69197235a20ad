import { describe, expect, it } from 'vitest';
import { bind, goods, opening, pkg, run, state } from '../../test/scenario-helpers.ts';
import { checkBinding } from './binding.ts';
import { handleEvent, serializationKeys } from './engine.ts';
import { InMemoryDistribution } from './in-memory-state.ts';
import { newMember, type MemberState } from './model.ts';
import { CLASSIC_PROFILE } from './profile.ts';

describe('§1 roles, entry, upgrade, root', () => {
  it('R1.1 a paid package makes the buyer an AGENT; a second package of an agent is a repurchase', async () => {
    const second = pkg('O6', 'U3', null);
    const result = await run([...opening(), second]);
    expect(result.member('U3')).toEqual(state('AGENT', 'U2', 'U1', null));
    // U3's referrer U2 gets 10% and U3's team boss U1 5% of the second package, as a repurchase.
    expect(result.credits(second)).toEqual([
      ['U2', 'REPURCHASE_DIRECT', 3990, 'PENDING'],
      ['U1', 'REPURCHASE_TEAM', 1995, 'PENDING'],
    ]);
  });

  it('R1.2 an agent becomes BOSS when the N-th qualifying referral pays (N = 2 and N = 3)', async () => {
    const two = await run(opening().slice(0, 4));
    expect(two.member('U2').role).toBe('BOSS');
    const events = opening().slice(0, 4);
    const third = pkg('O9', 'U9', 'U2');
    const three = await run([...events, third], { upgradeThreshold: 3 });
    const afterTwo = await run(opening().slice(0, 4), { upgradeThreshold: 3 });
    expect(afterTwo.member('U2')).toEqual(state('AGENT', 'U1', 'U1', null, ['U3', 'U4']));
    expect(three.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U4', 'U9']));
    // The 3rd contribution of a 3+1 agent still slides to the old boss (team reward to U1).
    expect(three.credits(third)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('R1.3 a buyer with no referrer is a root BOSS by default', async () => {
    const result = await run([pkg('O1', 'U1', null)]);
    expect(result.member('U1')).toEqual(state('BOSS', null, null, null));
  });

  it('R1.3 noReferrerRole AGENT: a root agent under the platform; the platform keeps the team reward', async () => {
    const events = [pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), pkg('O3', 'U3', 'U1'), pkg('O4', 'U4', 'U1')];
    const result = await run(events, { noReferrerRole: 'AGENT' });
    expect(result.credits(events[1]!)).toEqual([['U1', 'DIRECT', 10000, 'PENDING']]);
    expect(result.member('U2')).toEqual(state('AGENT', 'U1', null, null));
    // U1 upgrades on its 2nd referral and, leaving no boss, has no peer upline.
    expect(result.member('U1')).toEqual(state('BOSS', null, null, null, ['U2', 'U3']));
    expect(result.credits(events[3]!)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('R1.4 only two paying tiers exist: a boss never upgrades further', async () => {
    const events = [...opening(), pkg('O6', 'U6', 'U2'), pkg('O7', 'U7', 'U2')];
    const result = await run(events);
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U4']));
    expect(new Set(Object.values(result.output.members).map((member) => member.role))).toEqual(new Set(['BOSS', 'AGENT']));
  });
});

describe('§2.2 package-paid processing', () => {
  it('R2.2 step 2: a boss keeps its referrals; an agent slides them to its team boss', async () => {
    const result = await run(opening().slice(0, 3));
    expect(result.member('U2')).toEqual(state('AGENT', 'U1', 'U1', null, ['U3']));
    expect(result.member('U3')).toEqual(state('AGENT', 'U2', 'U1', null));
  });

  it('R2.2 step 2: an agent without a team boss slides nowhere; no TEAM is credited', async () => {
    const events = [pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1')];
    const result = await run(events, { noReferrerRole: 'AGENT' });
    expect(result.member('U2').teamBoss).toBeNull();
    expect(result.credits(events[1]!).map(([, type]) => type)).toEqual(['DIRECT']);
  });

  it('R2.2 step 3: a boss referrer gets DIRECT and TEAM (the boss direct referral = 300)', async () => {
    const events = opening();
    const result = await run(events);
    expect(result.credits(events[1]!)).toEqual([
      ['U1', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('R2.2 step 3: PEER goes to the peer upline of every credited boss, one generation, on DIRECT + TEAM', async () => {
    const events = opening();
    const result = await run(events);
    expect(result.credits(events[4]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
      ['U1', 'PEER', 3000, 'PENDING'],
    ]);
  });

  it('R2.2 step 3: PEER also follows a team boss credited for an agent referral', async () => {
    // U5 is an agent in U2's team; U5's referral slides to U2, whose peer upline U1 earns 10% of the TEAM.
    const slide = pkg('O6', 'U6', 'U5');
    const result = await run([...opening(), slide]);
    expect(result.credits(slide)).toEqual([
      ['U5', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
      ['U1', 'PEER', 2000, 'PENDING'],
    ]);
  });

  it('R2.2 step 4: the upgrade happens after the credits: the N-th contribution pays the old boss', async () => {
    const events = opening();
    const result = await run(events);
    expect(result.credits(events[3]!)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
    expect(result.member('U2')).toEqual(state('BOSS', 'U1', null, 'U1', ['U3', 'U4']));
  });

  it('R2.2 step 5: the slid members keep the old boss permanently', async () => {
    const result = await run([...opening(), pkg('O6', 'U6', 'U2'), pkg('O7', 'U7', 'U2')]);
    expect(result.member('U3').teamBoss).toBe('U1');
    expect(result.member('U4').teamBoss).toBe('U1');
  });
});

describe('§2.3–§2.5 slides, second generation, break-away', () => {
  it('R2.3 the 1st and 2nd referrals of an agent slide; the 3rd and later are the new boss’s own', async () => {
    const events = [...opening(), pkg('O6', 'U6', 'U2')];
    const result = await run(events);
    expect([result.member('U3').teamBoss, result.member('U4').teamBoss, result.member('U5').teamBoss, result.member('U6').teamBoss]).toEqual(['U1', 'U1', 'U2', 'U2']);
    expect(result.credits(events[5]!).slice(0, 2)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('R2.4 the team boss is inherited through the team link, not the nearest boss up the referral chain', async () => {
    // U6 is referred by U3; U3 slid to U1 before U3's referrer U2 became a boss.
    const u6 = pkg('O6', 'U6', 'U3');
    const result = await run([...opening(), u6]);
    expect(result.member('U6')).toEqual(state('AGENT', 'U3', 'U1', null));
    expect(result.credits(u6)).toEqual([
      ['U3', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('R2.4 second generation: a slid member’s first two referrals stay with the old boss, recursively', async () => {
    const u8 = pkg('O8', 'U8', 'U3');
    const u9 = pkg('O9', 'U9', 'U6');
    const result = await run([...opening(), pkg('O6', 'U6', 'U3'), pkg('O7', 'U7', 'U3'), u8, u9]);
    // U3 upgraded and broke away from U1; U6 and U7 stay on U1's line.
    expect(result.member('U3')).toEqual(state('BOSS', 'U2', null, 'U1', ['U6', 'U7']));
    expect(result.member('U7').teamBoss).toBe('U1');
    expect(result.credits(u8)).toEqual([
      ['U3', 'DIRECT', 10000, 'PENDING'],
      ['U3', 'TEAM', 20000, 'PENDING'],
      ['U1', 'PEER', 3000, 'PENDING'],
    ]);
    // Third generation: U6 (slid to U1) refers U9, who slides to U1 as well.
    expect(result.member('U9').teamBoss).toBe('U1');
    expect(result.credits(u9)).toEqual([
      ['U6', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('R2.5 break-away: the new boss leaves the team, keeps no claim on its slots, links back only by peer upline', async () => {
    const u6 = pkg('O6', 'U6', 'U4');
    const result = await run([...opening(), u6]);
    const u2 = result.member('U2');
    expect(u2.teamBoss).toBeNull();
    expect(u2.peerUpline).toBe('U1');
    // A referral by U2's former slot U4 goes to U1's team, and U2 earns nothing on it.
    expect(result.credits(u6)).toEqual([
      ['U4', 'DIRECT', 10000, 'PENDING'],
      ['U1', 'TEAM', 20000, 'PENDING'],
    ]);
  });
});

describe('binding rules (§2.2 step 1, §5.6 item 1)', () => {
  it('binding: no self-referral', async () => {
    const self = pkg('O2', 'U2', 'U2');
    const result = await run([pkg('O1', 'U1', null), self]);
    expect(result.event(self)).toEqual({ id: self.id, accepted: false, code: 'self_referral' });
    expect(result.member('U2')).toEqual(state('MEMBER', null, null, null));
  });

  it('binding: the referrer must be an agent or boss (ineligible_referrer), and a rejection changes nothing', async () => {
    const registered = bind('U2', 'U1');
    const bad = pkg('O3', 'U3', 'U9');
    const result = await run([registered, bad]);
    expect(result.event(registered)).toMatchObject({ accepted: false, code: 'ineligible_referrer' });
    expect(result.event(bad)).toMatchObject({ accepted: false, code: 'ineligible_referrer' });
    expect(result.member('U3')).toEqual(state('MEMBER', null, null, null));
  });

  it('binding: first valid binding wins; no rebinding', async () => {
    const rebind = bind('U5', 'U1');
    const same = bind('U5', 'U2');
    const result = await run([...opening(), rebind, same]);
    expect(result.event(rebind)).toMatchObject({ accepted: false, code: 'referrer_already_bound' });
    expect(result.event(same)).toMatchObject({ accepted: true, credits: [], changes: [] });
    expect(result.member('U5').referrer).toBe('U2');
  });

  it('binding: a bound member’s package uses the bound referrer; a different referrer on the order is refused', async () => {
    const bound = bind('U9', 'U2');
    const wrong = pkg('O9', 'U9', 'U1');
    const right = pkg('O10', 'U9', null);
    const result = await run([...opening(), bound, wrong, right]);
    expect(result.event(bound)).toMatchObject({ accepted: true });
    expect(result.event(wrong)).toMatchObject({ accepted: false, code: 'referrer_already_bound' });
    expect(result.member('U9')).toEqual(state('AGENT', 'U2', 'U2', null));
    expect(result.credits(right).slice(0, 2)).toEqual([
      ['U2', 'DIRECT', 10000, 'PENDING'],
      ['U2', 'TEAM', 20000, 'PENDING'],
    ]);
  });

  it('binding: a root who bought without a referrer cannot be bound afterwards', async () => {
    const late = bind('U1', 'U2');
    const result = await run([...opening(), late]);
    expect(result.event(late)).toMatchObject({ accepted: false, code: 'binding_after_package' });
  });

  it('binding: no cycles — a referrer below the user in the referral tree is refused', () => {
    // X is a plain member again (its package was refunded) with an agent D below it.
    const store = new InMemoryDistribution();
    const x: MemberState = newMember('X');
    const d: MemberState = { ...newMember('D', 'X'), role: 'AGENT', packageOrderId: 'OD' };
    store.applyDelta({ members: [x, d], orders: [], newLines: [], lineChanges: [], incomeIncrements: [], capped: [], rejections: [], effects: [] });
    expect(checkBinding(store, x, 'X', 'D')).toMatchObject({ ok: false, code: 'referral_cycle' });
    const outcome = handleEvent(store, { type: 'PACKAGE_PAID', orderId: 'OX', userId: 'X', referrerId: 'D', amountFen: 39_900n, atMs: 0 }, CLASSIC_PROFILE);
    expect(outcome).toMatchObject({ accepted: false, code: 'referral_cycle' });
  });

  it('binding: an order rejected once is rejected again on redelivery, even if the referrer became eligible', async () => {
    const early = pkg('O2', 'U2', 'U1', 0, { paidAt: '08:00:00' });
    const again = { ...early, id: 'E-again', paidAt: '10:00:00' };
    const result = await run([early, pkg('O1', 'U1', null, 0, { paidAt: '09:00:00' }), again]);
    expect(result.event(early)).toMatchObject({ accepted: false, code: 'ineligible_referrer' });
    expect(result.event(again)).toMatchObject({ accepted: false, code: 'ineligible_referrer' });
  });
});

describe('§6.2 events: idempotency and ordering', () => {
  it('R6.2 a duplicate PACKAGE_PAID or GOODS_PAID of the same order changes nothing', async () => {
    const first = pkg('O6', 'U6', 'U2');
    const duplicate = { ...first, id: 'E-dup' };
    const buy = goods('O7', 'U6', 10_000);
    const buyAgain = { ...buy, id: 'E-dup2' };
    const result = await run([...opening(), first, duplicate, buy, buyAgain]);
    expect(result.event(duplicate)).toEqual({ id: 'E-dup', accepted: true, credits: [], changes: [] });
    expect(result.event(buyAgain)).toEqual({ id: 'E-dup2', accepted: true, credits: [], changes: [] });
    expect(result.member('U2').slots).toEqual(['U3', 'U4']);
  });

  it('R6.2 orders paid on the same day are processed in (paidAt, order) order', async () => {
    const late = pkg('O5', 'U5', 'U2', 0, { paidAt: '12:00:01' });
    const early = pkg('O4', 'U4', 'U2', 0, { paidAt: '12:00:00' });
    const result = await run([pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), pkg('O3', 'U3', 'U2'), late, early]);
    // O4 is processed first and becomes U2's 2nd slot; O5 is then U2's first own referral.
    expect(result.member('U2').slots).toEqual(['U3', 'U4']);
    expect(result.member('U5').teamBoss).toBe('U2');
    expect(result.output.events.map((event) => event.id)).toEqual(result.events.map((event) => event.id));
  });

  it('R6.2 ties in the same second fall back to the order id, numerically', async () => {
    const o10 = pkg('O10', 'U5', 'U2', 0, { paidAt: '09:00:00' });
    const o9 = pkg('O9', 'U4', 'U2', 0, { paidAt: '09:00:00' });
    const result = await run([pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), pkg('O3', 'U3', 'U2'), o10, o9]);
    expect(result.member('U2').slots).toEqual(['U3', 'U4']);
  });

  it('serialisation keys name the buyer, the referrer and the team boss an order touches', () => {
    const store = new InMemoryDistribution();
    for (const event of [
      { type: 'PACKAGE_PAID' as const, orderId: 'O1', userId: 'U1', referrerId: null, amountFen: 39_900n, atMs: 0 },
      { type: 'PACKAGE_PAID' as const, orderId: 'O2', userId: 'U2', referrerId: 'U1', amountFen: 39_900n, atMs: 0 },
    ]) {
      store.handle(event, CLASSIC_PROFILE);
    }
    expect(serializationKeys(store, { type: 'PACKAGE_PAID', orderId: 'O3', userId: 'U3', referrerId: 'U2', amountFen: 39_900n, atMs: 0 })).toEqual(['U1', 'U2', 'U3']);
  });
});
