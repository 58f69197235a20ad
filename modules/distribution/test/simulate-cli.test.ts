import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run --silent simulate -- scenario.json` end to end: stdout is one JSON object, exit status per §8. */
const root = new URL('../../../', import.meta.url).pathname;
const vectors = JSON.parse(readFileSync(new URL('./fixtures/liandong-vectors.json', import.meta.url), 'utf8')) as Record<string, { profile: unknown; events: unknown[] }>;

function simulateCli(scenario: unknown): { status: number | null; output: Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
  const child = spawnSync('npm', ['run', '--silent', 'simulate', '--', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, output: JSON.parse(child.stdout) as Record<string, unknown> };
}

describe('simulate command (§8)', () => {
  it('prints the replay and exits 0; an invalid profile exits 2; a malformed scenario exits 2', () => {
    const ok = simulateCli({ profile: vectors['main-first-five']!.profile, events: vectors['main-first-five']!.events });
    expect(ok.status).toBe(0);
    expect(Object.keys(ok.output)).toEqual(['profile', 'events', 'members', 'balances']);
    expect(ok.output.members).toMatchObject({ U2: { role: 'BOSS', referrer: 'U1', teamBoss: null, peerUpline: 'U1', slots: ['U3', 'U4'], flags: [] } });

    const rejected = simulateCli({ profile: vectors.A5reject!.profile, events: [] });
    expect(rejected.status).toBe(2);
    expect(rejected.output).toMatchObject({ profile: { valid: false, violations: [{ code: 'payout_ratio_above_cap' }] } });

    const malformed = simulateCli({ profile: vectors.A5accept!.profile, events: [{ id: 'E1', type: 'PACKAGE_PAID', day: 0 }] });
    expect(malformed.status).toBe(2);
    expect(malformed.output).toMatchObject({ error: { code: 'malformed_scenario' } });

    const notJson = simulateCli('{ nope');
    expect(notJson.status).toBe(2);
    expect(notJson.output).toMatchObject({ error: { code: 'malformed_scenario' } });
  });
});
