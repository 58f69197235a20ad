import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, checkInvariants, emptyState, InMemoryDistribution, parseProfile, type DistributionEvent, type Profile } from '../src/index.ts';
import { profileWith } from './scenario-helpers.ts';

/**
 * Property-based tests of the §2.6 invariants over random event sequences: registrations, bindings,
 * package orders, repurchases, full and partial refunds before and after settlement, under a range
 * of profiles. After every event: I1–I5 and I7 (checkInvariants), I6 (the team boss a member got at
 * purchase never changes while it is an agent), the immutable referrer, and I4 at upgrade time.
 */
const USERS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'U10'];
const DAY_MS = 86_400_000;

const PROFILES: Record<string, Profile> = Object.fromEntries(
  Object.entries({
    p0: {},
    twoPayees: { limits: { maxPayeesPerOrder: 2 } },
    onSlide: { teamRewardTiming: 'ON_SLIDE' },
    platformRoot: { noReferrerRole: 'AGENT', upgradeThreshold: 3 },
    nearestBossTwoGenerations: { rewards: { peer: { recipient: 'REFERRER_CHAIN_NEAREST_BOSS', generations: 2 } } },
    capped: {
      rewards: { directFen: 4000, teamFen: 6000, peer: { basis: ['DIRECT', 'TEAM', 'REPURCHASE_DIRECT'] } },
      limits: { maxPayoutRatioBps: 3000, dailyIncomeCapFen: 15000, monthlyIncomeCapFen: 60000, maxReferralDepthForTeamReward: 2 },
    },
    stickyKeep: { refund: { upgradeRollback: 'STICKY', afterSettlement: 'KEEP', windowDays: 2 }, settlement: { freezeDays: 1 } },
    shareOfOrder: { rewards: { directRateBps: 1500, teamRateBps: 1000, peer: { enabled: false } }, limits: { maxPayoutRatioBps: 3000 } },
  }).map(([name, patch]) => {
    const parsed = parseProfile(profileWith(patch));
    if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.details)}`);
    return [name, parsed.value];
  }),
);

type Command =
  | { kind: 'package'; user: number; referrer: number | null; cheap: boolean; advance: number }
  | { kind: 'goods'; user: number; amount: number; advance: number }
  | { kind: 'refund'; order: number; partial: number | null; advance: number }
  | { kind: 'settle'; advance: number }
  | { kind: 'bind'; user: number; referrer: number; advance: number }
  | { kind: 'register'; user: number; advance: number };

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const advance = fc.integer({ min: 0, max: 3 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('package' as const), user, referrer: fc.option(user, { freq: 4 }), cheap: fc.boolean(), advance }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('goods' as const), user, amount: fc.integer({ min: 1, max: 80_000 }), advance }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), order: fc.nat(), partial: fc.option(fc.integer({ min: 1, max: 30_000 }), { freq: 3 }), advance }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const), advance }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bind' as const), user, referrer: user, advance }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('register' as const), user, advance }) },
);

/** Turns commands into engine events: days only move forward, order ids are O1, O2, … */
function toEvents(commands: readonly Command[]): DistributionEvent[] {
  const events: DistributionEvent[] = [];
  const orders: string[] = [];
  let atMs = Date.UTC(2026, 0, 1);
  for (const next of commands) {
    atMs += next.advance * DAY_MS + 1000;
    switch (next.kind) {
      case 'package': {
        const orderId = `O${orders.length + 1}`;
        orders.push(orderId);
        events.push({ type: 'PACKAGE_PAID', orderId, userId: USERS[next.user]!, referrerId: next.referrer === null ? null : USERS[next.referrer]!, amountFen: next.cheap ? 20_000n : 39_900n, atMs });
        break;
      }
      case 'goods': {
        const orderId = `O${orders.length + 1}`;
        orders.push(orderId);
        events.push({ type: 'GOODS_PAID', orderId, userId: USERS[next.user]!, amountFen: BigInt(next.amount), atMs });
        break;
      }
      case 'refund': {
        const orderId = orders.length === 0 ? 'O404' : orders[next.order % orders.length]!;
        events.push(next.partial === null ? { type: 'ORDER_REFUNDED', orderId, atMs } : { type: 'ORDER_REFUNDED', orderId, amountFen: BigInt(next.partial), atMs });
        break;
      }
      case 'settle':
        events.push({ type: 'SETTLE', atMs });
        break;
      case 'bind':
        events.push({ type: 'BIND_REFERRER', userId: USERS[next.user]!, referrerId: USERS[next.referrer]!, atMs });
        break;
      case 'register':
        events.push({ type: 'MEMBER_REGISTERED', userId: USERS[next.user]!, atMs });
        break;
    }
  }
  return events;
}

const scenario = fc.record({ profileName: fc.constantFrom(...Object.keys(PROFILES)), commands: fc.array(command, { minLength: 1, maxLength: 70 }) });

describe('§2.6 invariants under random event sequences', () => {
  it('I1–I7, the immutable referrer and the binding rules hold after every event', () => {
    fc.assert(
      fc.property(scenario, ({ profileName, commands }) => {
        const profile = PROFILES[profileName]!;
        const store = new InMemoryDistribution();
        const placement = new Map<string, string | null>();
        const boundReferrer = new Map<string, string>();
        for (const event of toEvents(commands)) {
          // I6: what the buyer's team boss must be, from the referrer as it was before the order.
          let expectedTeamBoss: string | null | undefined;
          if (event.type === 'PACKAGE_PAID') {
            const buyer = store.member(event.userId);
            const referrerId = event.referrerId ?? buyer?.referrerId ?? null;
            const referrer = referrerId === null ? undefined : store.member(referrerId);
            if (!buyer || buyer.role === 'MEMBER') expectedTeamBoss = referrer ? (referrer.role === 'BOSS' ? referrer.id : referrer.teamBossId) : null;
          }
          const outcome = store.handle(event, profile);

          for (const effect of outcome.delta.effects) {
            if (effect.type === 'distribution.package_activated') {
              expect(effect.teamBossId).toBe(expectedTeamBoss);
              placement.set(effect.memberId, effect.teamBossId);
            }
            if (effect.type === 'distribution.boss_upgraded') {
              expect(store.member(effect.memberId)!.contributionSlots).toHaveLength(profile.upgradeThreshold); // I4 at upgrade
            }
          }
          const violations = checkInvariants({ members: store.allMembers(), orders: store.allOrders(), lines: store.allLines() }, profile);
          expect(violations).toEqual([]);
          for (const member of store.allMembers()) {
            if (member.role === 'AGENT') expect(member.teamBossId, `I6 ${member.id}`).toBe(placement.get(member.id));
            const bound = boundReferrer.get(member.id);
            if (bound !== undefined) expect(member.referrerId, `referrer of ${member.id}`).toBe(bound);
            if (member.referrerId !== null) boundReferrer.set(member.id, member.referrerId);
          }
          // I5 per order: the lines of one package order never exceed DIRECT + TEAM + generations × bosses.
          for (const line of outcome.delta.newLines) expect(line.amountFen === 0n).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('duplicate delivery of every event changes nothing (idempotent per order)', () => {
    fc.assert(
      fc.property(scenario, ({ profileName, commands }) => {
        const profile = PROFILES[profileName]!;
        const once = new InMemoryDistribution();
        const twice = new InMemoryDistribution();
        for (const event of toEvents(commands)) {
          once.handle(event, profile);
          twice.handle(event, profile);
          const repeat = twice.handle(event, profile);
          expect(repeat.delta.newLines).toEqual([]);
          expect(repeat.delta.lineChanges).toEqual([]);
        }
        expect(twice.allMembers()).toEqual(once.allMembers());
        expect(twice.allLines()).toEqual(once.allLines());
      }),
      { numRuns: 150 },
    );
  });

  it('apply is a pure state-transition function: same state and event give the same result, the input state is untouched', () => {
    fc.assert(
      fc.property(scenario, ({ profileName, commands }) => {
        const profile = PROFILES[profileName]!;
        let state = emptyState();
        for (const event of toEvents(commands)) {
          const before = [...state.lines.values()];
          const first = apply(state, event, profile);
          const second = apply(state, event, profile);
          expect(second.rewardLines).toEqual(first.rewardLines);
          expect([...second.state.members.values()]).toEqual([...first.state.members.values()]);
          expect([...state.lines.values()]).toEqual(before);
          state = first.state;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('money: balances equal credits minus reversals and clawbacks; a refunded order holds nothing under CLAWBACK', () => {
    fc.assert(
      fc.property(scenario, ({ profileName, commands }) => {
        const profile = PROFILES[profileName]!;
        const store = new InMemoryDistribution();
        let credited = 0n;
        let voided = 0n;
        for (const event of toEvents(commands)) {
          const { delta } = store.handle(event, profile);
          credited += delta.newLines.reduce((sum, line) => sum + line.amountFen, 0n);
          voided += delta.lineChanges.filter((change) => change.to === 'REVERSED').reduce((sum, change) => sum + change.amountFen, 0n);
        }
        const held = store.allLines().filter((line) => line.status !== 'REVERSED').reduce((sum, line) => sum + line.amountFen, 0n);
        expect(held).toBe(credited - voided);
        expect(held >= 0n).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
