import { describe, expect, it } from 'vitest';
import { maskName } from './mask-name.ts';

describe('maskName', () => {
  it('hides all but the first (and, for longer names, the last) character', () => {
    expect(maskName('高雪')).toBe('高*');
    expect(maskName('林小雨')).toBe('林***雨');
    expect(maskName('微信用户1234')).toBe('微***4');
    expect(maskName('张')).toBe('*');
    expect(maskName('  ')).toBe('*');
    expect(maskName('😀ab')).toBe('😀***b');
  });
});
