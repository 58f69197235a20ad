import { describe, expect, it } from 'vitest';
import { basisPoints, decimalQuotient, roundedQuotient } from './ratios.ts';

describe('exact ratios', () => {
  it('rounds half up in integers', () => {
    expect(roundedQuotient(5n, 2n)).toBe(3n);
    expect(roundedQuotient(7n, 3n)).toBe(2n);
    expect(roundedQuotient(-5n, 2n)).toBe(-3n);
    expect(roundedQuotient(1n, 0n)).toBeNull();
  });

  it('gives basis points and decimals', () => {
    expect(basisPoints(1, 3)).toBe(3333);
    expect(basisPoints(2, 3)).toBe(6667);
    expect(basisPoints(3, 0)).toBeNull();
    expect(decimalQuotient(10, 4, 2)).toBe(2.5);
    expect(decimalQuotient(1, 3, 1)).toBe(0.3);
  });
});
