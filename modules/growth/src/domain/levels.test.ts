import { describe, expect, it } from 'vitest';
import { levelOf, nextLevelOf, privilegesOf, type Level } from './levels.ts';

const level = (id: string, minPoints: bigint, minInvites: number, extraCommissionBps = 0): Level => ({ id, nameZh: id, nameEn: id, minPoints, minInvites, extraCommissionBps, priorityShipping: id === 'gold', hotProductAccess: id !== 'bronze' });
const LEVELS = [level('gold', 5_000n, 10, 300), level('bronze', 100n, 0), level('silver', 1_000n, 3, 100)];

describe('levels', () => {
  it('is the highest level whose points and invites thresholds are both met', () => {
    expect(levelOf(LEVELS, { points: 50n, qualifiedInvites: 20 })).toBeNull();
    expect(levelOf(LEVELS, { points: 100n, qualifiedInvites: 0 })?.id).toBe('bronze');
    // Enough points for silver but too few invites: still bronze.
    expect(levelOf(LEVELS, { points: 2_000n, qualifiedInvites: 2 })?.id).toBe('bronze');
    expect(levelOf(LEVELS, { points: 2_000n, qualifiedInvites: 3 })?.id).toBe('silver');
    expect(levelOf(LEVELS, { points: 9_000n, qualifiedInvites: 10 })?.id).toBe('gold');
  });

  it('names the next level and the privileges of the current one', () => {
    expect(nextLevelOf(LEVELS, { points: 2_000n, qualifiedInvites: 3 })?.id).toBe('gold');
    expect(nextLevelOf(LEVELS, { points: 9_000n, qualifiedInvites: 10 })).toBeNull();
    expect(privilegesOf(levelOf(LEVELS, { points: 9_000n, qualifiedInvites: 10 }))).toEqual({ extraCommissionBps: 300, priorityShipping: true, hotProductAccess: true });
    expect(privilegesOf(null)).toEqual({ extraCommissionBps: 0, priorityShipping: false, hotProductAccess: false });
  });
});
