import { describe, expect, it } from 'vitest';
import { extractCardFields } from './card-fields.ts';
import type { OcrLine } from './ocr-line.ts';

/** Lines top to bottom, each 40 px tall unless given; [text, confidence?, height?]. */
function lines(...rows: (string | [string, number?, number?])[]): OcrLine[] {
  return rows.map((row, index) => {
    const [text, confidence = 0.99, height = 40] = typeof row === 'string' ? [row] : row;
    return { text, confidence, box: { left: 60, top: 60 + index * 60, width: 400, height } };
  });
}

describe('extractCardFields on a Chinese card', () => {
  const fields = extractCardFields(
    lines(
      ['张伟', 0.99, 60],
      '销售总监',
      '上海星辰贸易有限公司',
      '手机：138 0013 8000',
      '电话： 021-6888 1234',
      '传真：021-6888 1235',
      '邮箱 ： zhang.wei@example.com',
      '地址：上海市浦东新区世纪大道100号',
      'www.xingchen-trade.cn',
    ),
  );

  it('reads each field', () => {
    expect(fields.name?.value).toBe('张伟');
    expect(fields.title?.value).toBe('销售总监');
    expect(fields.company?.value).toBe('上海星辰贸易有限公司');
    expect(fields.address?.value).toBe('上海市浦东新区世纪大道100号');
    expect(fields.website?.value).toBe('www.xingchen-trade.cn');
    expect(fields.emails.map((email) => email.value)).toEqual(['zhang.wei@example.com']);
  });

  it('normalises phones and leaves the fax out', () => {
    expect(fields.phones.map(({ value, kind }) => ({ value, kind }))).toEqual([
      { value: '13800138000', kind: 'mobile' },
      { value: '021-68881234', kind: 'landline' },
    ]);
  });

  it('gives confidences as line confidence × rule strength, labelled values surest', () => {
    expect(fields.phones[0]!.confidence).toBeGreaterThan(0.97);
    expect(fields.company!.confidence).toBeCloseTo(0.99 * 0.97, 3);
    // A name is only a surname rule; it is less certain than a labelled e-mail.
    expect(fields.name!.confidence).toBeLessThan(fields.emails[0]!.confidence);
    for (const field of [fields.name, fields.title, fields.company, fields.address, fields.website]) {
      expect(field!.confidence).toBeGreaterThan(0.5);
      expect(field!.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('scales confidence with the OCR line confidence', () => {
    const blurred = extractCardFields(lines(['上海星辰贸易有限公司', 0.5]));
    expect(blurred.company!.confidence).toBeCloseTo(0.5 * 0.97, 3);
  });
});

describe('extractCardFields on an English card', () => {
  const fields = extractCardFields(
    lines(
      ['Emily Carter', 0.98, 56],
      'Marketing Director',
      'Blue Harbor Trading Co., Ltd.',
      'T: +86 21 6888 1234  M: +86 139 1234 5678',
      'E: emily.carter@blueharbor.com',
      'Room 1203, 88 Century Avenue, Pudong, Shanghai',
      'https://blueharbor.com',
    ),
  );

  it('reads name, title, company, address and website', () => {
    expect(fields.name?.value).toBe('Emily Carter');
    expect(fields.title?.value).toBe('Marketing Director');
    expect(fields.company?.value).toBe('Blue Harbor Trading Co., Ltd.');
    expect(fields.address?.value).toContain('88 Century Avenue');
    expect(fields.website?.value).toBe('https://blueharbor.com');
    expect(fields.emails[0]?.value).toBe('emily.carter@blueharbor.com');
  });

  it('splits two labelled numbers on one line and drops +86', () => {
    expect(fields.phones.map(({ value, kind }) => ({ value, kind }))).toEqual([
      { value: '021-68881234', kind: 'landline' },
      { value: '13912345678', kind: 'mobile' },
    ]);
  });
});

describe('extractCardFields on a mixed card', () => {
  it('prefers the Chinese rendering of a field printed in both languages', () => {
    const fields = extractCardFields(
      lines(['李娜', 0.99, 64], ['Li Na', 0.99, 30], '产品经理 Product Manager', '杭州云帆科技有限公司', 'Hangzhou Yunfan Technology Co., Ltd.', 'Mobile: 186-5712-3456', 'Tel: 0571-8765 4321 转 808'),
    );
    expect(fields.name?.value).toBe('李娜');
    expect(fields.title?.value).toContain('产品经理');
    expect(fields.company?.value).toBe('杭州云帆科技有限公司');
    expect(fields.phones.map((phone) => phone.value)).toEqual(['18657123456', '0571-87654321-808']);
  });

  it('splits a name and a title printed on one line', () => {
    const fields = extractCardFields(lines('王小明 总经理', '深圳市海风电子有限公司'));
    expect(fields.name?.value).toBe('王小明');
    expect(fields.title?.value).toBe('总经理');
  });

  it('joins an address that wraps onto the next line', () => {
    const fields = extractCardFields(lines('北京市朝阳区建国路', '88号SOHO现代城A座1201室'));
    expect(fields.address?.value).toBe('北京市朝阳区建国路88号SOHO现代城A座1201室');
    expect(fields.address?.lines).toEqual([0, 1]);
  });
});

describe('extractCardFields on noise', () => {
  it('finds nothing in nothing', () => {
    expect(extractCardFields([])).toEqual({ name: null, title: null, company: null, address: null, website: null, phones: [], emails: [] });
  });

  it('does not take a slogan, a postcode or a date for a field', () => {
    const fields = extractCardFields(lines('诚信 专业 共赢', '邮编：200120', '2024.05.01'));
    expect(fields.phones).toEqual([]);
    expect(fields.name).toBeNull();
    expect(fields.company).toBeNull();
  });
});

describe('extractCardFields on lines as PaddleOCR read a photographed mixed card', () => {
  // Spaces lost, labels in two languages, and the website read into the name's line.
  const fields = extractCardFields(
    lines(
      ['李娜 Li Na www.yunfan.com.cn', 0.9985, 57],
      ['产品经理ProductManager', 0.987, 36],
      ['杭州云帆科技有限公司', 0.9979, 35],
      ['Hangzhou Yunfan Technology Co.,Ltd.', 0.966, 36],
      ['手机Mobile：18657123456', 0.9803, 32],
      ['电话 Tel： 0571-8765 4321', 0.9693, 32],
      ['邮箱Email:lina@yunfan.com.cn', 0.9742, 38],
      ['地址：浙江省杭州市西湖区文三路', 0.9955, 33],
      ['398号东信大厦15楼', 0.9969, 30],
    ),
  );

  it('keeps the Chinese name, not a label word', () => {
    expect(fields.name?.value).toBe('李娜');
    expect(fields.website?.value).toBe('www.yunfan.com.cn');
  });

  it('puts the lost spaces back in Latin text', () => {
    expect(fields.title?.value).toBe('产品经理 Product Manager');
  });

  it('reads the contacts behind bilingual labels', () => {
    expect(fields.phones.map((phone) => phone.value)).toEqual(['18657123456', '0571-87654321']);
    expect(fields.emails.map((email) => email.value)).toEqual(['lina@yunfan.com.cn']);
    expect(fields.address?.value).toBe('浙江省杭州市西湖区文三路398号东信大厦15楼');
  });
});
