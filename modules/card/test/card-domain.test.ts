import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import ICAL from 'ical.js';
import { applyTemplate, CardModulesSchema, foldLine, lockedFieldChanges, parseVcards, posterPng, posterSvg, qrPath, startingContent, toVcard, wrapText, type CardContent, type CardTemplateRules } from '../src/index.ts';

const company = { kind: 'company' as const, id: 'company', name: '悦享生活', description: '上海的生活方式买手店' };
const template: CardTemplateRules = {
  theme: 'business_blue',
  fields: { company: '上海悦享生活旗舰店', intro: '欢迎光临' },
  lockedFields: ['company', 'theme'],
  modules: [company],
};
const content = (overrides: Partial<CardContent> = {}): CardContent => ({ ...startingContent(template, { name: '吴婷', company: '' }), ...overrides });

describe('company templates', () => {
  it('starts a card from the template’s values and modules', () => {
    const card = content();
    expect(card).toMatchObject({ name: '吴婷', company: '上海悦享生活旗舰店', intro: '欢迎光临', theme: 'business_blue' });
    expect(card.modules).toEqual([company]);
  });

  it('reports a change to a locked field, and only to locked ones', () => {
    expect(lockedFieldChanges(template, content({ intro: '我自己的介绍' }))).toEqual([]);
    expect(lockedFieldChanges(template, content({ company: '别的公司', theme: 'rose' }))).toEqual(['company', 'theme']);
  });

  it('keeps locked modules where the owner placed them, with the template’s content, and brings back a dropped one', () => {
    const live = { kind: 'live' as const, id: 'live', url: 'https://live.example.com/room/1' };
    const edited = { ...company, description: '改过的介绍' };
    expect(applyTemplate(template, content({ modules: [live, edited] })).modules).toEqual([live, company]);
    expect(applyTemplate(template, content({ modules: [live] })).modules).toEqual([live, company]);
  });

  it('validates modules as a discriminated union with unique ids', () => {
    expect(CardModulesSchema.safeParse([{ kind: 'products', id: 'p', productIds: ['prd_01jd3x7k9q2w8e5r4t6y1u3i0o'] }]).success).toBe(true);
    expect(CardModulesSchema.safeParse([{ kind: 'products', id: 'p', productIds: [] }]).success).toBe(false);
    expect(CardModulesSchema.safeParse([{ kind: 'live', id: 'x', url: 'javascript:alert(1)' }]).success).toBe(false);
    expect(CardModulesSchema.safeParse([{ kind: 'map', id: 'x' }]).success).toBe(false);
    expect(CardModulesSchema.safeParse([company, { ...company }]).success).toBe(false);
  });
});

describe('vCard 4.0', () => {
  const person = {
    uid: 'crd_01jd3x7k9q2w8e5r4t6y1u3i0o',
    name: '吴婷',
    title: '资深导购; 美妆顾问',
    company: '上海悦享生活旗舰店, 南京东路店',
    phone: '13600000001',
    email: 'wuting@example.com',
    website: 'https://yuexiang.example.com',
    wechatId: 'wuting_sh',
    address: '上海市黄浦区南京东路 300 号',
    latitude: 31.2364,
    longitude: 121.48,
    note: '第一行\n第二行：欢迎来店里试用新品，周末有满减活动，会员还可以预约一对一护肤咨询服务哦！',
    revision: new Date('2026-11-22T08:00:00.000Z'),
  };

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const folded = foldLine(`NOTE:${'名'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, index) => (index === 0 ? line : line.slice(1))).join('')).toBe(`NOTE:${'名'.repeat(60)}`);
  });

  it('writes CRLF lines with escaped text', () => {
    const text = toVcard(person);
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text).toContain('N:吴;婷;;;');
    expect(text).toContain('TITLE:资深导购; 美妆顾问');
    expect(text).toContain('ORG:上海悦享生活旗舰店\\, 南京东路店');
    expect(text).toContain('TEL;VALUE=uri;TYPE="cell,voice":tel:+86-13600000001');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('round-trips through an independent parser (ical.js)', () => {
    const component = new ICAL.Component(ICAL.parse(toVcard(person)));
    expect(component.getFirstPropertyValue('version')).toBe('4.0');
    expect(component.getFirstPropertyValue('fn')).toBe('吴婷');
    expect(component.getFirstPropertyValue('n')).toEqual(['吴', '婷', '', '', '']);
    expect(component.getFirstPropertyValue('title')).toBe('资深导购; 美妆顾问');
    expect(component.getFirstPropertyValue('org')).toBe('上海悦享生活旗舰店, 南京东路店');
    expect(component.getFirstPropertyValue('tel')).toBe('tel:+86-13600000001');
    expect(component.getFirstPropertyValue('email')).toBe('wuting@example.com');
    expect(component.getFirstPropertyValue('note')).toBe(person.note);
    expect(component.getFirstPropertyValue('geo')).toBe('geo:31.2364,121.48');
  });

  it('reads our own output back, and 3.0 cards with groups, folding and escapes', () => {
    expect(parseVcards(toVcard(person))[0]).toMatchObject({ name: '吴婷', title: '资深导购; 美妆顾问', company: '上海悦享生活旗舰店, 南京东路店', phones: ['13600000001'], emails: ['wuting@example.com'] });
    const v3 = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Doe;Jane;;;', 'item1.TEL;TYPE=CELL:+86 139-0000-0001', 'EMAIL;TYPE=INTERNET:Jane@Example.com', 'ORG:Acme\\, Inc.;Sales', 'NOTE:line one\\nline', ' two', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:4.0', 'FN:李雷', 'TEL:13800000009', 'END:VCARD'].join('\r\n');
    const [jane, li] = parseVcards(v3);
    expect(jane).toMatchObject({ name: 'Jane Doe', phones: ['13900000001'], emails: ['jane@example.com'], company: 'Acme, Inc.', note: 'line one\nlinetwo' });
    expect(li).toMatchObject({ name: '李雷', phones: ['13800000009'] });
    expect(() => parseVcards('hello')).toThrow();
    expect(() => parseVcards('BEGIN:VCARD\r\nFN:x\r\n')).toThrow();
  });
});

describe('share poster', () => {
  it('wraps text to a width and marks a cut with an ellipsis', () => {
    expect(wrapText('一二三四五六七八九十', 10, 50, 3)).toEqual(['一二三四五', '六七八九十']);
    expect(wrapText('一二三四五六七八九十一二', 10, 50, 2)).toEqual(['一二三四五', '六七八九…']);
  });

  it('draws the QR code with a quiet zone, and escapes text', () => {
    const qr = qrPath('http://127.0.0.1:3000/h5/#/pages/card/index?id=crd_x&share=abc');
    expect(qr.sizePx).toBe((qr.modules + 8) * 8);
    const svg = posterSvg({ name: '<吴婷>', title: 'A&B', company: '悦享', intro: '', theme: 'rose', product: { title: '面膜', priceFen: 8900n }, url: 'http://x/', locale: 'zh-CN' });
    expect(svg).toContain('&lt;吴婷&gt;');
    expect(svg).toContain('A&amp;B');
    expect(svg).toContain('¥89.00');
    expect(svg).toContain('长按识别二维码');
  });

  it('renders Chinese glyphs, not identical missing-glyph boxes', async () => {
    const nameArea = async (name: string) => {
      const png = await posterPng(posterSvg({ name, title: '导购', company: '悦享', intro: '', theme: 'classic', product: null, url: 'http://x/', locale: 'zh-CN' }));
      return sharp(png).extract({ left: 60, top: 70, width: 200, height: 75 }).raw().toBuffer();
    };
    const [first, second] = [await nameArea('吴婷'), await nameArea('孙丽')];
    let inked = 0;
    for (let index = 0; index < first.length; index += 3) if (first[index]! > 200) inked++;
    expect(inked).toBeGreaterThan(300);
    expect(first.equals(second)).toBe(false);
  });
});
