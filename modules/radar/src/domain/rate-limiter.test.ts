import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limiter.ts';

describe('token buckets', () => {
  it('allows a burst of `capacity`, then refills at the rate', () => {
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 1 });
    expect([1, 2, 3, 4].map(() => buckets.take('ip', 0))).toEqual([true, true, true, false]);
    expect(buckets.take('ip', 500)).toBe(false);
    expect(buckets.take('ip', 1_000)).toBe(true);
    expect(buckets.take('ip', 1_000)).toBe(false);
    expect(buckets.take('other', 1_000)).toBe(true);
  });

  it('forgets keys that have been idle long enough to be full again', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1 });
    for (let i = 0; i < 50; i++) buckets.take(`visitor-${i}`, 0);
    expect(buckets.size).toBe(50);
    buckets.take('late', 10_000);
    expect(buckets.size).toBe(1);
  });
});
