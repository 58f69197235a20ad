import { seededRandom } from '@linkmall/kernel';
import { DEFAULT_PROFILE_INPUT, simulate, type SimulationOutput } from '@linkmall/distribution';

/** A synthetic fission (裂变) for operators: how money would flow if the tree grew like this. */
export interface SyntheticFission {
  /** Package buyers, the first one a root without referrer. */
  readonly members: number;
  /** How many people each member refers at most. */
  readonly branching: number;
  /** Share of package orders refunded inside the window, in percent. */
  readonly refundRatePercent: number;
  /** New members per simulated day. */
  readonly joinsPerDay: number;
  /** Repurchases (ordinary orders) per member over the period, on average, and their amount. */
  readonly repurchasesPerMember: number;
  readonly repurchaseFen: number;
  /** Makes the random draws repeatable. */
  readonly seed: number;
}

export interface SimulationSummary {
  readonly members: number;
  readonly roles: Record<string, number>;
  /** Paid package and repurchase money that was not refunded. */
  readonly salesFen: number;
  /** Rewards left standing after refunds (pending + settled). */
  readonly payoutFen: number;
  readonly payoutRatioBps: number;
  readonly earners: number;
  /** Share of all payouts earned by the top 10 % of earners, in basis points. */
  readonly top10PercentShareBps: number;
  /** Members per income band, for the distribution chart. */
  readonly incomeBands: Array<{ fromFen: number; toFen: number | null; members: number }>;
  readonly topEarners: Array<{ memberId: string; role: string; incomeFen: number }>;
}


/** The scenario (spec §8 format) of a synthetic fission under a profile. */
export function syntheticScenario(input: SyntheticFission, profile: unknown) {
  const next = seededRandom(input.seed);
  const packageFen = Number((profile as { packagePriceFen?: number }).packagePriceFen ?? DEFAULT_PROFILE_INPUT.packagePriceFen);
  const events: Array<Record<string, unknown>> = [];
  const referrals = new Map<string, number>();
  const open: string[] = [];
  let lastDay = 0;
  for (let index = 0; index < input.members; index++) {
    const user = `m${index + 1}`;
    const day = Math.floor(index / Math.max(1, input.joinsPerDay));
    lastDay = day;
    // Each new member joins under a random member who still has room to refer.
    const referrer = open.length === 0 ? null : open[Math.floor(next() * open.length)]!;
    if (referrer) {
      const count = (referrals.get(referrer) ?? 0) + 1;
      referrals.set(referrer, count);
      if (count >= input.branching) open.splice(open.indexOf(referrer), 1);
    }
    const order = `p${index + 1}`;
    events.push({ id: `e-${order}`, day, type: 'PACKAGE_PAID', order, user, referrer, amountFen: packageFen, paidAt: '10:00' });
    if (next() * 100 < input.refundRatePercent) events.push({ id: `e-${order}-refund`, day: day + 1, type: 'ORDER_REFUNDED', order, at: '09:00' });
    else open.push(user);
  }
  const repurchases = Math.round(input.members * input.repurchasesPerMember);
  for (let index = 0; index < repurchases; index++) {
    const user = `m${1 + Math.floor(next() * input.members)}`;
    events.push({ id: `e-r${index + 1}`, day: Math.floor(next() * (lastDay + 1)), type: 'GOODS_PAID', order: `r${index + 1}`, user, amountFen: input.repurchaseFen, paidAt: '15:00' });
  }
  // Settle once every window has closed.
  events.push({ id: 'e-settle', day: lastDay + 60, type: 'SETTLE', at: '23:00' });
  return { name: 'synthetic fission', profile, events };
}

/**
 * What operators ask to simulate: a scenario of their own or a synthetic fission, under the profile
 * they name, else the scenario's own, else the shipped compliant default.
 */
export async function simulateRequest(input: { profile?: unknown; scenario?: { profile?: unknown; events: unknown[] }; synthetic?: SyntheticFission }) {
  const profile = input.profile ?? input.scenario?.profile ?? DEFAULT_PROFILE_INPUT;
  const scenario = input.synthetic ? syntheticScenario(input.synthetic, profile) : { ...input.scenario, profile };
  return { scenarioEvents: scenario.events?.length ?? 0, result: await runSimulation(scenario) };
}

/** Runs a scenario through the rules engine (in memory: nothing is written) and sums it up. */
export async function runSimulation(scenario: unknown): Promise<{ ok: true; output: SimulationOutput; summary: SimulationSummary | null } | { ok: false; output: SimulationOutput }> {
  const result = await simulate(scenario);
  if (result.exitCode !== 0 || !('members' in result.output)) return { ok: false, output: result.output };
  return { ok: true, output: result.output, summary: summarize(scenario as { events: Array<Record<string, unknown>> }, result.output) };
}

function summarize(scenario: { events: Array<Record<string, unknown>> }, output: Extract<SimulationOutput, { members: unknown }>): SimulationSummary {
  const refunded = new Set(scenario.events.filter((event) => event.type === 'ORDER_REFUNDED' && event.amountFen === undefined).map((event) => String(event.order)));
  let salesFen = 0;
  for (const event of scenario.events) {
    if ((event.type === 'PACKAGE_PAID' || event.type === 'GOODS_PAID') && !refunded.has(String(event.order))) salesFen += Number(event.amountFen);
  }
  const roles: Record<string, number> = {};
  for (const member of Object.values(output.members)) roles[member.role] = (roles[member.role] ?? 0) + 1;
  const incomes = Object.entries(output.balances)
    .map(([memberId, balance]) => ({ memberId, role: output.members[memberId]?.role ?? 'MEMBER', incomeFen: balance.pendingFen + balance.settledFen }))
    .filter((entry) => entry.incomeFen > 0)
    .sort((a, b) => b.incomeFen - a.incomeFen);
  const payoutFen = incomes.reduce((sum, entry) => sum + entry.incomeFen, 0);
  const topCount = Math.max(1, Math.ceil(incomes.length / 10));
  const topFen = incomes.slice(0, topCount).reduce((sum, entry) => sum + entry.incomeFen, 0);
  const edges = [0, 10_000, 50_000, 100_000, 500_000, 1_000_000];
  const incomeBands = edges.map((fromFen, index) => {
    const toFen = edges[index + 1] ?? null;
    return { fromFen, toFen, members: incomes.filter((entry) => entry.incomeFen >= fromFen && (toFen === null || entry.incomeFen < toFen)).length };
  });
  return {
    members: Object.keys(output.members).length,
    roles,
    salesFen,
    payoutFen,
    payoutRatioBps: salesFen === 0 ? 0 : Math.round((payoutFen * 10_000) / salesFen),
    earners: incomes.length,
    top10PercentShareBps: payoutFen === 0 ? 0 : Math.round((topFen * 10_000) / payoutFen),
    incomeBands,
    topEarners: incomes.slice(0, 10),
  };
}
