/**
 * People behind member ids, for screens: identity owns names and phones, so the composition root
 * passes a lookup (display name and the already-masked phone, never the phone itself).
 */
export interface PersonName {
  readonly displayName: string;
  readonly phoneMasked: string | null;
}

export type NameLookup = (ids: readonly string[]) => Promise<Map<string, PersonName>>;

/** Without a lookup (tests, the simulator) members are shown by id. */
export const noNames: NameLookup = async () => new Map();

/**
 * A display name as another member sees it in the shop (my team): first and last character kept,
 * the middle starred — 林小雨 → 林*雨, 何明 → 何*, so a team member is recognisable but not exposed.
 */
export function maskDisplayName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length === 0) return '';
  if (characters.length === 1) return `${characters[0]}*`;
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(Math.min(characters.length - 2, 3))}${characters.at(-1)}`;
}

/** The names of every id mentioned by the members given (themselves, referrer, boss, upline, slots). */
export async function namesAround(names: NameLookup, members: readonly { id: string; referrerId: string | null; teamBossId: string | null; peerUplineId: string | null; contributionSlots: readonly string[] }[]): Promise<Map<string, PersonName>> {
  const ids = new Set<string>();
  for (const member of members) {
    for (const id of [member.id, member.referrerId, member.teamBossId, member.peerUplineId, ...member.contributionSlots]) if (id) ids.add(id);
  }
  return ids.size === 0 ? new Map() : names([...ids]);
}
