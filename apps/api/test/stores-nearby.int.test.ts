import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('nearest stores', () => {
  it('finds the stores within 3 km of People’s Square, nearest first', async () => {
    const { status, body } = await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737');
    expect(status).toBe(200);
    expect(body.items.map((store: any) => store.name)).toEqual(['悦享生活 南京东路店', '悦享生活 陆家嘴店']);
    expect(body.items[0].distanceMeters).toBeLessThan(body.items[1].distanceMeters);
    expect(body.items[0].distanceMeters).toBeGreaterThan(800);
  });

  it('widens with the radius and respects the limit', async () => {
    const wide = (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737&radiusKm=50')).body.items;
    expect(wide).toHaveLength(2);
    const limited = (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737&limit=1')).body.items;
    expect(limited.map((store: any) => store.name)).toEqual(['悦享生活 南京东路店']);
    const westLake = (await t.json('GET', '/shop/stores/nearby?latitude=30.25&longitude=120.15&radiusKm=10')).body.items;
    expect(westLake.map((store: any) => store.name)).toEqual(['西湖优选 文三路店']);
    const none = (await t.json('GET', '/shop/stores/nearby?latitude=39.9042&longitude=116.4074')).body.items;
    expect(none).toEqual([]);
  });

  it('rejects impossible coordinates with the error model', async () => {
    for (const query of ['latitude=91&longitude=0', 'latitude=abc&longitude=1', 'latitude=31&longitude=121&radiusKm=0', 'longitude=121']) {
      const response = await t.json('GET', `/shop/stores/nearby?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});
