import { describe, expect, it } from 'vitest';
import { classifyPhone, findPhoneNumbers } from './phone-numbers.ts';

describe('classifyPhone', () => {
  it.each([
    ['138 0013 8000', '13800138000', 'mobile'],
    ['+86 138-0013-8000', '13800138000', 'mobile'],
    ['0086 13800138000', '13800138000', 'mobile'],
    ['8613800138000', '13800138000', 'mobile'],
    ['(010) 6552 8888', '010-65528888', 'landline'],
    ['021-6888 1234', '021-68881234', 'landline'],
    ['0755-8601 3388', '0755-86013388', 'landline'],
    ['+86 21 6888 1234', '021-68881234', 'landline'],
    ['021-68881234 转 808', '021-68881234-808', 'landline'],
    ['400-820-8820', '400-820-8820', 'landline'],
    ['+1 415 555 0123', '+14155550123', 'other'],
  ])('%s → %s (%s)', (raw, value, kind) => {
    expect(classifyPhone(raw)).toMatchObject({ value, kind });
  });

  it.each(['12345678', '200120', '2024.05.01', '0001234567'])('rejects %s', (raw) => {
    expect(classifyPhone(raw)).toBeNull();
  });
});

describe('findPhoneNumbers', () => {
  it('finds every number on a line, once each', () => {
    expect(findPhoneNumbers('021-6888 1234 / 138 0013 8000, 13800138000').map((phone) => phone.value)).toEqual(['021-68881234', '13800138000']);
  });

  it('separates a landline and a mobile run together', () => {
    expect(findPhoneNumbers('021-68881234 13800138000').map((phone) => phone.value)).toEqual(['021-68881234', '13800138000']);
  });
});
