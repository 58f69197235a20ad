import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, isValidIdNumber, maskAccountNumber, maskIdNumber, maskRealName } from './id-number.ts';

describe('resident ID number (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes the check character, including X', () => {
    // The standard's own example: 11010519491231002X.
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
  });

  it('accepts valid numbers, with a lower-case x and surrounding spaces', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber(' 11010519491231002x ')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });

  it('catches a mistyped digit or a swapped pair', () => {
    expect(isValidIdNumber('11010519491231003X')).toBe(false);
    expect(isValidIdNumber('110105194912310020')).toBe(false);
    expect(isValidIdNumber('101105194912310021')).toBe(false);
  });

  it('refuses wrong lengths, letters and impossible dates', () => {
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
    expect(isValidIdNumber('1101051949123A002X')).toBe(false);
    const withDate = (date: string) => { const first17 = `110105${date}002`; return first17 + idNumberCheckCharacter(first17); };
    expect(isValidIdNumber(withDate('19491331'))).toBe(false);
    expect(isValidIdNumber(withDate('19491200'))).toBe(false);
    expect(isValidIdNumber(withDate('19490230'))).toBe(true); // the day check is coarse: 1-31
  });

  it('masks what it shows', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X');
    expect(maskAccountNumber('6222021234567890123')).toBe('****0123');
    expect(maskRealName('张三丰')).toBe('张**');
    expect(maskRealName('李')).toBe('李*');
  });
});
