import { describe, expect, it } from 'vitest';
import { boundingBox, distanceMeters } from '../src/domain/geo.ts';

const peoplesSquare = { latitude: 31.2304, longitude: 121.4737 }; // 人民广场
const nanjingRoadStore = { latitude: 31.2364, longitude: 121.48 };
const lujiazuiStore = { latitude: 31.2397, longitude: 121.4998 };
const hangzhou = { latitude: 30.2741, longitude: 120.1551 };

describe('distance', () => {
  it('is zero to itself and symmetric', () => {
    expect(distanceMeters(peoplesSquare, peoplesSquare)).toBe(0);
    expect(distanceMeters(peoplesSquare, hangzhou)).toBeCloseTo(distanceMeters(hangzhou, peoplesSquare), 6);
  });
  it('matches known distances', () => {
    expect(distanceMeters(peoplesSquare, nanjingRoadStore)).toBeGreaterThan(800);
    expect(distanceMeters(peoplesSquare, nanjingRoadStore)).toBeLessThan(1000);
    // Shanghai to Hangzhou is about 165 km as the crow flies.
    expect(distanceMeters(peoplesSquare, hangzhou) / 1000).toBeGreaterThan(160);
    expect(distanceMeters(peoplesSquare, hangzhou) / 1000).toBeLessThan(170);
  });
});

describe('bounding box', () => {
  it('contains every point within the radius', () => {
    const box = boundingBox(peoplesSquare, 3_000);
    for (const point of [nanjingRoadStore, lujiazuiStore]) {
      expect(distanceMeters(peoplesSquare, point)).toBeLessThan(3_000);
      expect(point.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(point.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(point.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(point.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
    expect(hangzhou.longitude).toBeLessThan(box.minLongitude);
  });
  it('stays finite near the poles', () => {
    const box = boundingBox({ latitude: 89.99, longitude: 0 }, 5_000);
    expect(Number.isFinite(box.minLongitude)).toBe(true);
    expect(box.maxLatitude).toBeLessThanOrEqual(90);
  });
});
