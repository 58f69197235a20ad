import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from '../src/money.ts';
import { pickLocale, interpolate } from '../src/locale.ts';
import { ID_PATTERN, newId } from '../src/id.ts';
import { createPiiCipher, maskPhone } from '../src/pii.ts';
import { randomBytes } from 'node:crypto';

describe('money', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatYuan(0n)).toBe('0.00');
    expect(formatYuan(5n)).toBe('0.05');
    expect(formatYuan(12345n)).toBe('123.45');
    expect(formatYuan(-5n)).toBe('-0.05');
    expect(formatYuan(900719925474099100n)).toBe('9007199254740991.00');
  });
  it('parses yuan strings exactly and rejects malformed ones', () => {
    expect(parseYuan('12')).toBe(1200n);
    expect(parseYuan('12.3')).toBe(1230n);
    expect(parseYuan('0.07')).toBe(7n);
    expect(parseYuan('-1.50')).toBe(-150n);
    for (const bad of ['', '1.234', 'abc', '1e3', '1.', '.5', '12,00']) expect(parseYuan(bad)).toBeNull();
  });
  it('round-trips every value through format and parse', () => {
    for (const fen of [0n, 1n, 99n, 100n, 101n, 123456789n, -42n]) expect(parseYuan(formatYuan(fen))).toBe(fen);
  });
});

describe('locale', () => {
  it('prefers Chinese by default and honours quality values', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-TW;q=0.5,en;q=0.8')).toBe('en');
    expect(pickLocale('en;q=0.2, zh-CN;q=0.9')).toBe('zh-CN');
  });
  it('interpolates named placeholders', () => {
    expect(interpolate('请 {n} 分钟后再试', { n: 15 })).toBe('请 15 分钟后再试');
    expect(interpolate('{missing}', {})).toBe('{missing}');
  });
});

describe('ids', () => {
  it('carry a prefix, match the pattern and sort by creation time', () => {
    const earlier = newId('usr', 1_700_000_000_000);
    const later = newId('usr', 1_700_000_000_001);
    expect(earlier).toMatch(ID_PATTERN);
    expect(earlier.startsWith('usr_')).toBe(true);
    expect(earlier < later).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId('ord'))).size).toBe(1000);
  });
});

describe('PII cipher', () => {
  const cipher = createPiiCipher(randomBytes(32));
  it('round-trips and never emits the plaintext', () => {
    const encrypted = cipher.encrypt('13812345678');
    expect(encrypted).not.toContain('13812345678');
    expect(encrypted).not.toBe(cipher.encrypt('13812345678'));
    expect(cipher.decrypt(encrypted)).toBe('13812345678');
  });
  it('detects tampering and a wrong key', () => {
    const encrypted = cipher.encrypt('13812345678');
    const tampered = encrypted.slice(0, -2) + (encrypted.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => createPiiCipher(randomBytes(32)).decrypt(encrypted)).toThrow();
  });
  it('gives a stable keyed search hash', () => {
    expect(cipher.searchHash('13812345678')).toBe(cipher.searchHash('13812345678'));
    expect(cipher.searchHash('13812345678')).not.toBe(createPiiCipher(randomBytes(32)).searchHash('13812345678'));
    expect(() => createPiiCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
  it('masks phones', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
