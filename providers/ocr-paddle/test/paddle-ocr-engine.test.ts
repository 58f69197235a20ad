import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractCardFields, type CardFields, type OcrEngine } from '@linkmall/scan';
import { createPaddleOcrEngine } from '../src/index.ts';
import { assertCjkFont, CHINESE_CARD, ENGLISH_CARD, MIXED_CARD, photographCard, renderCard, type CardDesign } from './render-card.ts';

// One engine for the file: the models load once, on the first scan.
const engine = createPaddleOcrEngine();

async function scan(design: CardDesign, photo = false): Promise<CardFields> {
  const card = await renderCard(design);
  const result = await engine.recognize(photo ? await photographCard(card) : card);
  if (!result.ok) throw new Error(`OCR failed: ${result.code}`);
  return extractCardFields(result.value);
}

const values = (fields: CardFields) => ({
  phones: fields.phones.map(({ value, kind }) => ({ value, kind })),
  emails: fields.emails.map((email) => email.value),
});

function expectConfident(fields: CardFields) {
  for (const field of [fields.name, fields.title, fields.company, fields.address, fields.website, ...fields.phones, ...fields.emails]) {
    expect(field?.confidence).toBeGreaterThan(0.6);
  }
}

beforeAll(() => assertCjkFont());

describe('PaddleOCR on business cards the test renders', () => {
  it('reads a Chinese card', async () => {
    const fields = await scan(CHINESE_CARD);
    expect(values(fields)).toEqual({
      phones: [
        { value: '13800138000', kind: 'mobile' },
        { value: '021-68881234', kind: 'landline' },
      ],
      emails: ['zhang.wei@example.com'],
    });
    expect(fields.name?.value).toContain('张伟');
    expect(fields.title?.value).toContain('销售总监');
    expect(fields.company?.value).toContain('星辰贸易有限公司');
    expect(fields.address?.value).toContain('浦东新区世纪大道100号');
    expect(fields.website?.value).toContain('xingchen-trade.cn');
    expectConfident(fields);
  });

  it('reads the same card photographed: tilted, blurred, JPEG', async () => {
    const fields = await scan(CHINESE_CARD, true);
    expect(values(fields).phones.map((phone) => phone.value)).toEqual(['13800138000', '021-68881234']);
    expect(values(fields).emails).toEqual(['zhang.wei@example.com']);
    expect(fields.company?.value).toContain('有限公司');
  });

  it('reads an English card', async () => {
    const fields = await scan(ENGLISH_CARD);
    expect(values(fields)).toEqual({
      phones: [
        { value: '13912345678', kind: 'mobile' },
        { value: '021-68881234', kind: 'landline' },
      ],
      emails: ['emily.carter@blueharbor.com'],
    });
    expect(fields.name?.value).toContain('Emily Carter');
    expect(fields.title?.value).toContain('Director');
    expect(fields.company?.value).toContain('Blue Harbor');
    expect(fields.address?.value).toContain('Century Avenue');
    expect(fields.website?.value).toContain('blueharbor.com');
    expectConfident(fields);
  });

  it('reads a bilingual card, keeping the Chinese renderings and a wrapped address', async () => {
    const fields = await scan(MIXED_CARD);
    expect(values(fields)).toEqual({
      phones: [
        { value: '18657123456', kind: 'mobile' },
        { value: '0571-87654321', kind: 'landline' },
      ],
      emails: ['lina@yunfan.com.cn'],
    });
    expect(fields.name?.value).toBe('李娜');
    expect(fields.title?.value).toContain('产品经理');
    expect(fields.company?.value).toContain('云帆科技有限公司');
    expect(fields.address?.value).toContain('文三路398号');
    expect(fields.website?.value).toContain('yunfan.com.cn');
    expectConfident(fields);
  });
});

describe('the PaddleOCR engine', () => {
  const blank = () => sharp({ create: { width: 320, height: 200, channels: 3, background: '#ffffff' } }).png().toBuffer();

  it('finds no lines on a blank card', async () => {
    expect(await engine.recognize(await blank())).toEqual({ ok: true, value: [] });
  });

  it('answers image_unreadable for bytes that only start like a PNG', async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really an image')]);
    expect(await engine.recognize(fake)).toMatchObject({ ok: false, code: 'image_unreadable' });
  });

  it('runs scans one at a time and refuses more than it may queue', async () => {
    const small: OcrEngine = createPaddleOcrEngine({ maxWaiting: 1 });
    const image = await blank();
    const results = await Promise.all([small.recognize(image), small.recognize(image), small.recognize(image)]);
    expect(results.map((result) => (result.ok ? 'ok' : result.code))).toEqual(['ok', 'ok', 'ocr_busy']);
    // Once the queue drains it accepts again.
    expect((await small.recognize(image)).ok).toBe(true);
  });
});
