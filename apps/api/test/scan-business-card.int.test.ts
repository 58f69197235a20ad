import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo-seed.ts';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';
import { assertCjkFont, CHINESE_CARD, ENGLISH_CARD, photographCard, renderCard } from '../../../providers/ocr-paddle/test/render-card.ts';

let t: TestPlatform;
let guide: string;
let chineseCard: string;
const phoneOf = (role: string) => DEMO_LOGINS.find((login) => login.role === role)!.phone;

beforeAll(async () => {
  assertCjkFont();
  t = await startTestPlatform();
  guide = await t.login(phoneOf('shop_guide'), 'shop');
  chineseCard = (await renderCard(CHINESE_CARD)).toString('base64');
});
afterAll(() => t?.close());

describe('POST /shop/scan/business-card', () => {
  it('reads a rendered card into fields with confidences', async () => {
    const { status, body } = await t.json('POST', '/shop/scan/business-card', { token: guide, body: { image: chineseCard } });
    expect(status).toBe(200);
    expect(body.engine).toBe('paddle');
    expect(body.fields.phones.map((phone: { value: string }) => phone.value)).toEqual(['13800138000', '021-68881234']);
    expect(body.fields.emails[0]).toMatchObject({ value: 'zhang.wei@example.com' });
    expect(body.fields.name.value).toContain('张伟');
    expect(body.fields.company.value).toContain('星辰贸易有限公司');
    expect(body.fields.company.confidence).toBeGreaterThan(0.8);
    expect(body.fields.company.confidence).toBeLessThanOrEqual(1);
    expect(body.lines.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses what is not a PNG or JPEG, whatever the data URL says, and writes nothing', async () => {
    const before = await tableCounts(t);
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;').toString('base64');
    const response = await t.json('POST', '/shop/scan/business-card', { token: guide, body: { image: `data:image/png;base64,${gif}` }, headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(415);
    expect(response.body.error).toMatchObject({ code: 'image_format_unsupported', message: 'Only PNG or JPEG images are supported' });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses an image over 4 MB with 413, and bytes that only look like a PNG with 422', async () => {
    const huge = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4 * 1024 * 1024)]);
    const tooLarge = await t.json('POST', '/shop/scan/business-card', { token: guide, body: { image: huge.toString('base64') } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('image_too_large');
    const broken = await t.json('POST', '/shop/scan/business-card', { token: guide, body: { image: huge.subarray(0, 64).toString('base64') } });
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('image_unreadable');
  });

  it('answers 400 for text that is not base64 or a missing image', async () => {
    expect((await t.json('POST', '/shop/scan/business-card', { token: guide, body: { image: 'not base64 at all!' } })).body.error.code).toBe('image_not_base64');
    expect((await t.json('POST', '/shop/scan/business-card', { token: guide, body: {} })).body.error.code).toBe('validation_failed');
  });

  it('is for staff who own leads: not consumers, not finance', async () => {
    const consumer = await t.login(phoneOf('consumer'), 'shop');
    const finance = await t.login(phoneOf('finance'), 'shop');
    for (const token of [consumer, finance]) {
      const response = await t.json('POST', '/shop/scan/business-card', { token, body: { image: chineseCard } });
      expect(response.status).toBe(403);
    }
    expect((await t.json('POST', '/shop/scan/business-card', { body: { image: chineseCard } })).status).toBe(401);
  });
});

describe('saving a scan', () => {
  it('starts a draft of my card from a photographed card in one step', async () => {
    const photo = await photographCard(await renderCard(ENGLISH_CARD));
    const { status, body } = await t.json('POST', '/shop/scan/business-card/card-draft', { token: guide, body: { image: `data:image/jpeg;base64,${photo.toString('base64')}` } });
    expect(status).toBe(201);
    expect(body.details).toMatchObject({ phones: ['13912345678', '021-68881234'], emails: ['emily.carter@blueharbor.com'] });
    const drafts = await t.json('GET', '/shop/cards/me/drafts', { token: guide });
    const draft = drafts.body.items.find((item: { id: string }) => item.id === body.draftId);
    expect(draft).toMatchObject({ source: 'ocr', fields: { phone: '13912345678', email: 'emily.carter@blueharbor.com' } });
    expect(draft.fields.name).toContain('Emily Carter');
  });

  it('saves the fields as the person corrected them', async () => {
    const details = { name: '张伟', company: '上海星辰贸易有限公司', phones: ['13800138000'], emails: ['zhang.wei@example.com'] };
    const { status, body } = await t.json('POST', '/shop/scan/business-card/card-draft', { token: guide, body: { details } });
    expect(status).toBe(201);
    expect(body.details).toEqual(details);
  });

  it('refuses to save a card with no name, company, phone or e-mail, and sends either details or an image', async () => {
    const empty = await t.json('POST', '/shop/scan/business-card/card-draft', { token: guide, body: { details: { title: '经理', phones: [] } } });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('scan_nothing_to_save');
    const both = await t.json('POST', '/shop/scan/business-card/card-draft', { token: guide, body: { details: { name: '张伟' }, image: chineseCard } });
    expect(both.status).toBe(400);
  });

  it('saves a scan as a lead of mine (source ocr), merging a second scan of the same phone', async () => {
    const first = await t.json('POST', '/shop/scan/business-card/contact', { token: guide, body: { image: chineseCard } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, details: { phones: ['13800138000', '021-68881234'], emails: ['zhang.wei@example.com'] } });
    const again = await t.json('POST', '/shop/scan/business-card/contact', { token: guide, body: { details: { name: '张伟', phones: ['138 0013 8000'], note: '展会上交换的名片' } } });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ leadId: first.body.leadId, created: false });
    const leads = await t.json('GET', '/shop/leads', { token: guide });
    const lead = leads.body.items.find((item: { id: string }) => item.id === first.body.leadId);
    expect(lead).toMatchObject({ source: 'ocr' });
    expect(lead.name).toContain('张伟');
  });
});
