import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { configFromEnv } from '../src/config.ts';
import { createApp } from '../src/create-app.ts';
import { createPlatform, inProcessPlatformOptions } from '../src/platform.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../src/demo-seed.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let token: string;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

beforeAll(async () => {
  database = await createTestDatabase();
  const platform = createPlatform(database, inProcessPlatformOptions(randomBytes(32), { ocr: { engine: 'none' } }));
  await seedDemo(platform);
  app = createApp(platform);
  const phone = DEMO_LOGINS.find((login) => login.role === 'shop_guide')!.phone;
  const login = await app.request('/shop/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: DEMO_PASSWORD }) });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(() => database?.destroy());

const post = (path: string, body: unknown, locale: string) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': locale }, body: JSON.stringify(body) });

describe('OCR_ENGINE=none', () => {
  it('answers 501 with a clear message in both languages', async () => {
    const en = await post('/shop/scan/business-card', { image: PNG }, 'en');
    expect(en.status).toBe(501);
    expect(((await en.json()) as any).error).toMatchObject({ code: 'ocr_unavailable', message: expect.stringContaining('OCR_ENGINE=none') });
    const zh = await post('/shop/scan/business-card', { image: PNG }, 'zh-CN');
    expect(((await zh.json()) as any).error.message).toContain('未启用名片识别');
  });

  it('still saves details typed by hand; only images need OCR', async () => {
    expect((await post('/shop/scan/business-card/card-draft', { image: PNG }, 'en')).status).toBe(501);
    const typed = await post('/shop/scan/business-card/card-draft', { details: { name: '张伟', phones: ['13800138000'] } }, 'en');
    expect(typed.status).toBe(201);
  });

  it('is chosen by OCR_ENGINE, paddle by default, anything else refused', () => {
    const env = { DATABASE_URL: 'postgres://127.0.0.1/x', PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SANDBOX_PAYMENT_SECRET: 'x'.repeat(32) };
    expect(configFromEnv(env).ocr).toEqual({ engine: 'paddle' });
    expect(configFromEnv({ ...env, OCR_ENGINE: 'none' }).ocr).toEqual({ engine: 'none' });
    expect(() => configFromEnv({ ...env, OCR_ENGINE: 'tesseract' })).toThrow('OCR_ENGINE must be paddle or none');
  });
});
