import { describe, expect, it } from 'vitest';
import { normalizeLineText, repairLatinSpacing, segmentLine } from './ocr-line.ts';

describe('normalizeLineText', () => {
  it('folds full-width forms and the spaces OCR puts around punctuation', () => {
    expect(normalizeLineText('邮箱 ： ｚｈａｎｇ＠example.com')).toBe('邮箱:zhang@example.com');
    expect(normalizeLineText('  手机：１３８  0013 8000 ')).toBe('手机:138 0013 8000');
  });
});

describe('segmentLine', () => {
  it('splits a line at its labels', () => {
    expect(segmentLine('T:021-6888 1234 M:138 0013 8000')).toEqual([
      { label: 'phone', text: '021-6888 1234' },
      { label: 'mobile', text: '138 0013 8000' },
    ]);
  });

  it('reads Chinese labels without a colon, and bilingual label pairs', () => {
    expect(segmentLine('地址上海市浦东新区')).toEqual([{ label: 'address', text: '上海市浦东新区' }]);
    expect(segmentLine('手机 Mobile:186 5712 3456')).toEqual([{ label: 'mobile', text: '186 5712 3456' }]);
  });

  it('leaves words that merely look like labels alone', () => {
    expect(segmentLine('Web Design Studio')).toEqual([{ label: null, text: 'Web Design Studio' }]);
    expect(segmentLine('Marketing Director')).toEqual([{ label: null, text: 'Marketing Director' }]);
  });
});

describe('repairLatinSpacing', () => {
  it.each([
    ['MarketingDirector', 'Marketing Director'],
    ['Room 1203,88CenturyAvenue,Shanghai', 'Room 1203,88 Century Avenue, Shanghai'],
    ['Blue Harbor Trading Co.,Ltd.', 'Blue Harbor Trading Co., Ltd.'],
    ['产品经理ProductManager', '产品经理 Product Manager'],
    ['88号SOHO现代城A座', '88号SOHO现代城A座'],
    ['McDonald', 'McDonald'],
  ])('%s → %s', (raw, repaired) => {
    expect(repairLatinSpacing(raw)).toBe(repaired);
  });
});
