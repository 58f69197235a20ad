import { CLASSIC_PROFILE_INPUT, simulate, type SimulatedEvent, type SimulatedMember, type SimulationOutput } from '../src/index.ts';

/** Scenario shorthand for tests, in the simulator's own input format (spec §8). */
export type ScenarioEventInput = Record<string, unknown> & { type: string };

let counter = 0;
const nextId = () => `E${String(++counter).padStart(3, '0')}`;

export const pkg = (order: string, user: string, referrer: string | null, day = 0, extra: Record<string, unknown> = {}): ScenarioEventInput => ({
  id: nextId(),
  day,
  type: 'PACKAGE_PAID',
  order,
  user,
  referrer,
  amountFen: 39_900,
  ...extra,
});
export const goods = (order: string, user: string, amountFen: number, day = 0): ScenarioEventInput => ({ id: nextId(), day, type: 'GOODS_PAID', order, user, amountFen });
export const refund = (order: string, day = 0, amountFen?: number): ScenarioEventInput =>
  amountFen === undefined ? { id: nextId(), day, type: 'ORDER_REFUNDED', order } : { id: nextId(), day, type: 'ORDER_REFUNDED', order, amountFen };
export const settle = (day: number): ScenarioEventInput => ({ id: nextId(), day, type: 'SETTLE' });
export const bind = (user: string, referrer: string, day = 0): ScenarioEventInput => ({ id: nextId(), day, type: 'BIND_REFERRER', user, referrer });

/** The canonical opening of §7: U1 root boss, U2 via U1, U3 and U4 via U2 (U2 upgrades), U5 via U2. */
export const opening = (): ScenarioEventInput[] => [pkg('O1', 'U1', null), pkg('O2', 'U2', 'U1'), pkg('O3', 'U3', 'U2'), pkg('O4', 'U4', 'U2'), pkg('O5', 'U5', 'U2')];

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function profileWith(patch: DeepPartial<Record<string, unknown>> = {}): Record<string, unknown> {
  return merge(structuredClone(CLASSIC_PROFILE_INPUT) as unknown as Record<string, unknown>, patch as Record<string, unknown>);
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    const current = base[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)) {
      base[key] = merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      base[key] = value;
    }
  }
  return base;
}

export interface RunResult {
  readonly output: Extract<SimulationOutput, { events: unknown }>;
  readonly events: readonly ScenarioEventInput[];
  /** The output of one input event. */
  event(input: ScenarioEventInput): SimulatedEvent;
  /** Credits of an event as [beneficiary, type, amount, status] tuples, like liandong-vectors.json. */
  credits(input: ScenarioEventInput): [string, string, number, string][];
  changes(input: ScenarioEventInput): [string, string, number, string, string][];
  member(id: string): SimulatedMember;
  balance(id: string): { pendingFen: number; settledFen: number };
}

export async function run(events: ScenarioEventInput[], patch: DeepPartial<Record<string, unknown>> = {}): Promise<RunResult> {
  const result = await simulate({ profile: profileWith(patch), events }, { verbose: true });
  if (!('events' in result.output)) throw new Error(`scenario refused: ${JSON.stringify(result.output)}`);
  const output = result.output;
  const event = (input: ScenarioEventInput) => output.events[events.indexOf(input)]!;
  return {
    output,
    events,
    event,
    credits: (input) => {
      const outcome = event(input);
      if (!outcome.accepted) throw new Error(`event ${input.id} was rejected: ${outcome.code}`);
      return outcome.credits.map((credit) => [credit.beneficiary, credit.type, credit.amountFen, credit.status]);
    },
    changes: (input) => {
      const outcome = event(input);
      if (!outcome.accepted) throw new Error(`event ${input.id} was rejected: ${outcome.code}`);
      return outcome.changes.map((change) => [change.beneficiary, change.type, change.amountFen, change.from, change.to]);
    },
    member: (id) => output.members[id]!,
    balance: (id) => output.balances[id]!,
  };
}

/** The member notation of §7: {role, referrer, teamBoss, peerUpline, slots}. */
export const state = (role: string, referrer: string | null, teamBoss: string | null, peerUpline: string | null, slots: string[] = [], flags: string[] = []): SimulatedMember => ({
  role,
  referrer,
  teamBoss,
  peerUpline,
  slots,
  flags,
});
