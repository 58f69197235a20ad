/** Levels (等级/勋章): thresholds on points and qualified invites, each with its privileges. Pure. */
export interface Level {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly minPoints: bigint;
  readonly minInvites: number;
  readonly extraCommissionBps: number;
  readonly priorityShipping: boolean;
  readonly hotProductAccess: boolean;
}

export interface MemberStats {
  readonly points: bigint;
  readonly qualifiedInvites: number;
}

export interface Privileges {
  /** Added to a campaign's invite rate; what is paid still stays within the distribution caps. */
  readonly extraCommissionBps: number;
  /** Fulfilment ships this member's orders first. */
  readonly priorityShipping: boolean;
  /** The shop shows and sells products reserved for members with this privilege. */
  readonly hotProductAccess: boolean;
}

export const NO_PRIVILEGES: Privileges = { extraCommissionBps: 0, priorityShipping: false, hotProductAccess: false };

/** Levels from the lowest to the highest: by points threshold, then invites threshold. */
export function rankLevels<T extends Level>(levels: readonly T[]): T[] {
  return [...levels].sort((a, b) => (a.minPoints !== b.minPoints ? (a.minPoints < b.minPoints ? -1 : 1) : a.minInvites - b.minInvites));
}

const reaches = (level: Level, stats: MemberStats) => stats.points >= level.minPoints && stats.qualifiedInvites >= level.minInvites;

/** The highest level whose thresholds the member meets (both of them), or null below every level. */
export function levelOf<T extends Level>(levels: readonly T[], stats: MemberStats): T | null {
  let found: T | null = null;
  for (const level of rankLevels(levels)) if (reaches(level, stats)) found = level;
  return found;
}

/** The next level up that the member has not reached yet, for the progress bar; null at the top. */
export function nextLevelOf<T extends Level>(levels: readonly T[], stats: MemberStats): T | null {
  const ranked = rankLevels(levels);
  const current = levelOf(ranked, stats);
  const from = current ? ranked.indexOf(current) + 1 : 0;
  return ranked.slice(from).find((level) => !reaches(level, stats)) ?? null;
}

export function privilegesOf(level: Level | null): Privileges {
  if (!level) return NO_PRIVILEGES;
  return { extraCommissionBps: level.extraCommissionBps, priorityShipping: level.priorityShipping, hotProductAccess: level.hotProductAccess };
}
