import { complianceReport, type ComplianceReport } from '../domain/compliance.ts';
import type { EventOutcome } from '../domain/engine.ts';
import type { DistributionEvent } from '../domain/engine-events.ts';
import { InMemoryDistribution } from '../domain/in-memory-state.ts';
import type { LineKind, LineStatus, MemberState, RewardLine } from '../domain/model.ts';
import { parseProfile, profileVersion, type Profile, type ProfileIssue } from '../domain/profile.ts';
import { processingOrder, ScenarioSchema, toEngineEvent, usersOf } from './scenario.ts';

/**
 * The engine as the simulator sees it. The in-memory engine is the default; the database-backed
 * engine (ledger included, on a fresh embedded database) implements the same three calls, so that
 * swapping it in is one argument to `simulate`.
 */
export interface SimulationEngine {
  handle(event: DistributionEvent, profile: Profile, profileVersion: string): Promise<EventOutcome>;
  member(memberId: string): Promise<MemberState | undefined>;
  /** Lines payable to the member (any status), for the balances. */
  linesOfPayee(memberId: string): Promise<readonly RewardLine[]>;
}

export function inMemorySimulationEngine(): SimulationEngine {
  const store = new InMemoryDistribution();
  return {
    handle: async (event, profile, version) => store.handle(event, profile, version),
    member: async (memberId) => store.member(memberId),
    linesOfPayee: async (memberId) => store.allLines().filter((line) => line.payeeId === memberId),
  };
}

export interface SimulatedCredit {
  beneficiary: string;
  type: LineKind;
  amountFen: number;
  status: LineStatus;
}
export interface SimulatedChange {
  beneficiary: string;
  type: LineKind;
  amountFen: number;
  from: LineStatus;
  to: LineStatus;
}
export type SimulatedEvent =
  | { id: string; accepted: true; credits: SimulatedCredit[]; changes: SimulatedChange[]; capped?: SimulatedCapped[] }
  | { id: string; accepted: false; code: string };
export interface SimulatedCapped {
  beneficiary: string;
  type: string;
  amountFen: number;
  reason: string;
}
export interface SimulatedMember {
  role: string;
  referrer: string | null;
  teamBoss: string | null;
  peerUpline: string | null;
  slots: string[];
  flags: string[];
}

export type SimulationOutput =
  | {
      profile: { valid: true; version: string };
      events: SimulatedEvent[];
      members: Record<string, SimulatedMember>;
      balances: Record<string, { pendingFen: number; settledFen: number }>;
      compliance?: unknown;
    }
  | { profile: { valid: false; violations: { code: string; message: string; messages?: Record<string, string>; path?: string }[] } }
  | { error: { code: 'malformed_scenario'; message: string; issues: { path: string; message: string }[] } };

export interface SimulationResult {
  /** 0 on success, 2 for an invalid profile or a malformed scenario (§8). */
  readonly exitCode: 0 | 2;
  readonly output: SimulationOutput;
}

export interface SimulateOptions {
  readonly engine?: SimulationEngine;
  /** Adds the compliance report and each event's capped excess to the output. */
  readonly verbose?: boolean;
}

/** Replays a scenario (spec §8) and returns the exact output object and exit status. */
export async function simulate(input: unknown, options: SimulateOptions = {}): Promise<SimulationResult> {
  const scenario = ScenarioSchema.safeParse(input);
  if (!scenario.success) {
    if (isObject(input) && 'profile' in input) {
      const profileOnly = parseProfile(input.profile);
      if (!profileOnly.ok) return invalidProfile(profileOnly.details?.issues as ProfileIssue[]);
    }
    return malformed(scenario.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
  }
  const parsed = parseProfile(scenario.data.profile);
  if (!parsed.ok) return invalidProfile(parsed.details?.issues as ProfileIssue[]);
  const profile = parsed.value;
  const report = complianceReport(profile);
  if (!report.compliant) {
    return {
      exitCode: 2,
      output: { profile: { valid: false, violations: report.violations.map((finding) => ({ code: finding.code, message: finding.en, messages: { 'zh-CN': finding['zh-CN'], en: finding.en } })) } },
    };
  }

  const engine = options.engine ?? inMemorySimulationEngine();
  const version = profileVersion(profile);
  const results = new Map<object, SimulatedEvent>();
  for (const event of processingOrder(scenario.data.events)) {
    const outcome = await engine.handle(toEngineEvent(event), profile, version);
    results.set(event, describeOutcome(event.id, outcome, options.verbose === true));
  }
  const users = usersOf(scenario.data.events);
  const members: Record<string, SimulatedMember> = {};
  const balances: Record<string, { pendingFen: number; settledFen: number }> = {};
  for (const userId of users) {
    members[userId] = describeMember(await engine.member(userId));
    balances[userId] = balanceOf(await engine.linesOfPayee(userId));
  }
  return {
    exitCode: 0,
    output: {
      profile: { valid: true, version },
      events: scenario.data.events.map((event) => results.get(event)!),
      members,
      balances,
      ...(options.verbose ? { compliance: complianceJson(report) } : {}),
    },
  };
}

function describeOutcome(id: string, outcome: EventOutcome, verbose: boolean): SimulatedEvent {
  if (!outcome.accepted) return { id, accepted: false, code: outcome.code };
  const { delta } = outcome;
  const event: SimulatedEvent = {
    id,
    accepted: true,
    credits: delta.newLines.map((line) => ({ beneficiary: line.payeeId, type: line.kind, amountFen: Number(line.amountFen), status: line.status })),
    changes: delta.lineChanges.map((change) => ({ beneficiary: change.payeeId, type: change.kind, amountFen: Number(change.amountFen), from: change.from, to: change.to })),
  };
  if (verbose && delta.capped.length > 0) {
    event.capped = delta.capped.map((record) => ({ beneficiary: record.payeeId, type: record.kind, amountFen: Number(record.amountFen), reason: record.reason }));
  }
  return event;
}

function describeMember(member: MemberState | undefined): SimulatedMember {
  if (!member) return { role: 'MEMBER', referrer: null, teamBoss: null, peerUpline: null, slots: [], flags: [] };
  return {
    role: member.role,
    referrer: member.referrerId,
    teamBoss: member.teamBossId,
    peerUpline: member.peerUplineId,
    slots: [...member.contributionSlots],
    flags: [...member.flags],
  };
}

/** §8: the sum of non-reversed pending and settled lines (clawbacks are settled and negative). */
function balanceOf(lines: readonly RewardLine[]): { pendingFen: number; settledFen: number } {
  let pending = 0n;
  let settled = 0n;
  for (const line of lines) {
    if (line.status === 'PENDING') pending += line.amountFen;
    else if (line.status === 'SETTLED') settled += line.amountFen;
  }
  return { pendingFen: Number(pending), settledFen: Number(settled) };
}

function invalidProfile(issues: readonly ProfileIssue[] | undefined): SimulationResult {
  const violations = (issues ?? []).map((issue) => ({ code: issue.code, path: issue.path, message: `${issue.path}: ${issue.message}` }));
  return { exitCode: 2, output: { profile: { valid: false, violations } } };
}

function malformed(issues: { path: string; message: string }[]): SimulationResult {
  return { exitCode: 2, output: { error: { code: 'malformed_scenario', message: 'The scenario is not a valid simulator input (spec §8)', issues } } };
}

function complianceJson(report: ComplianceReport): unknown {
  return JSON.parse(JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
