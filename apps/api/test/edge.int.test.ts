import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPartnerRequest } from '../src/open-routes.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
const partnerSecret = 'partner-secret-0123456789';
beforeAll(async () => {
  t = await startTestPlatform({ openApiPartners: new Map([['erp-1', partnerSecret]]) });
});
afterAll(() => t?.close());

describe('API edge', () => {
  it('serves a valid OpenAPI document and a browsable reference', async () => {
    const document = (await t.json('GET', '/openapi.json')).body;
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/admin/users', '/shop/home', '/open/v1/ping']));
    const docs = await t.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    expect((await t.request('GET', '/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers health and readiness', async () => {
    expect((await t.json('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.json('GET', '/readyz')).body.status).toBe('ready');
  });

  it('gives every response a request id, echoing a caller’s', async () => {
    const own = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(own.headers.get('x-request-id')).toBe('trace-123');
    expect((await t.request('GET', '/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('renders unknown routes with the error model in both languages', async () => {
    const zh = await t.json('GET', '/admin/nothing-here');
    expect(zh.status).toBe(404);
    expect(zh.body).toEqual({ error: { code: 'not_found', message: '请求的资源不存在' } });
    const en = await t.json('GET', '/shop/nothing', { headers: { 'accept-language': 'en' } });
    expect(en.body.error.message).toBe('The requested resource does not exist');
  });

  it('sets security headers', async () => {
    const response = await t.request('GET', '/healthz');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('accepts signed partner calls on /open and refuses bad or replayed signatures', async () => {
    const timestamp = Date.now();
    const nonce = 'nonce-0001';
    const signature = signPartnerRequest(partnerSecret, { method: 'GET', path: '/open/v1/ping', timestamp, nonce, body: '' });
    const headers = { 'x-partner-id': 'erp-1', 'x-timestamp': String(timestamp), 'x-nonce': nonce, 'x-signature': signature };
    const ok = await t.json('GET', '/open/v1/ping', { headers });
    expect(ok.status).toBe(200);
    expect(ok.body.partnerId).toBe('erp-1');
    const replay = await t.json('GET', '/open/v1/ping', { headers });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('bad_signature');
    const forged = await t.json('GET', '/open/v1/ping', { headers: { ...headers, 'x-nonce': 'nonce-0002' } });
    expect(forged.status).toBe(401);
    const stale = { ...headers, 'x-nonce': 'nonce-0003', 'x-timestamp': String(timestamp - 10 * 60_000) };
    stale['x-signature'] = signPartnerRequest(partnerSecret, { method: 'GET', path: '/open/v1/ping', timestamp: timestamp - 10 * 60_000, nonce: 'nonce-0003', body: '' });
    expect((await t.json('GET', '/open/v1/ping', { headers: stale })).status).toBe(401);
  });

  it('serves the shop home without signing in', async () => {
    const home = (await t.json('GET', '/shop/home')).body;
    expect(home.products.length).toBe(13);
    expect(Number.isInteger(home.products[0].retailPriceFen)).toBe(true);
    expect(home.stores.length).toBe(5);
  });

  it('reports not ready with 503 and the error model when the database is gone', async () => {
    const other = await startTestPlatform({ seed: false });
    await other.database.close();
    const response = await other.json('GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('service_unavailable');
    await other.database.destroy().catch(() => {});
  });
});
