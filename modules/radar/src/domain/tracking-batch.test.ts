import { describe, expect, it } from 'vitest';
import { beijingDay, dailyCounts, dueClickNotices, isLiveWorthy, MAX_EVENT_AGE_MS, prepareBatch, visitorDelta, type TrackedEvent } from './tracking-batch.ts';

const now = new Date('2026-11-22T15:30:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('a tracking batch', () => {
  it('clamps future timestamps to receipt and drops events older than 48 hours', () => {
    const events: TrackedEvent[] = [
      { kind: 'view', at: at(60_000) },
      { kind: 'view', at: at(-MAX_EVENT_AGE_MS - 1) },
      { kind: 'dwell', at: at(-1_000), seconds: 15 },
    ];
    const prepared = prepareBatch(events, now);
    expect(prepared.dropped).toBe(1);
    expect(prepared.events.map((event) => event.at.toISOString())).toEqual([now.toISOString(), at(-1_000).toISOString()]);
  });

  it('counts by Beijing day: 23:30 UTC is already the next day in Beijing', () => {
    expect(beijingDay(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(beijingDay(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    const counts = dailyCounts([
      { kind: 'view', at: new Date('2026-11-22T15:00:00Z') },
      { kind: 'view', at: new Date('2026-11-22T16:30:00Z') },
      { kind: 'dwell', at: new Date('2026-11-22T15:10:00Z'), seconds: 20 },
      { kind: 'dwell', at: new Date('2026-11-22T15:10:15Z'), seconds: 15 },
    ]);
    expect(counts).toEqual([
      { day: '2026-11-22', kind: 'dwell', events: 2, seconds: 35 },
      { day: '2026-11-22', kind: 'view', events: 1, seconds: 0 },
      { day: '2026-11-23', kind: 'view', events: 1, seconds: 0 },
    ]);
  });

  it('adds views as visits and heartbeats as dwell to the visitor summary', () => {
    expect(visitorDelta([])).toBeNull();
    expect(
      visitorDelta([
        { kind: 'dwell', at: at(-5_000), seconds: 10 },
        { kind: 'view', at: at(-20_000) },
        { kind: 'product_click', at: at(-1_000), productId: 'prd_1' },
      ]),
    ).toEqual({ visits: 1, dwellSeconds: 10, firstAt: at(-20_000), lastAt: at(-1_000) });
  });

  it('tells the owner live about visits and clicks but not about heartbeats', () => {
    expect(isLiveWorthy('view')).toBe(true);
    expect(isLiveWorthy('product_click')).toBe(true);
    expect(isLiveWorthy('dwell')).toBe(false);
    expect(isLiveWorthy('module_view')).toBe(false);
  });

  it('tells of a product click once per half hour, and forgets notices past the window', () => {
    const first = dueClickNotices(['prd_a', 'prd_b'], {}, now);
    expect(first.fresh).toEqual(['prd_a', 'prd_b']);
    const soon = dueClickNotices(['prd_a', 'prd_c'], first.notices, at(10 * 60_000));
    expect(soon.fresh).toEqual(['prd_c']);
    const later = dueClickNotices(['prd_a'], soon.notices, at(31 * 60_000));
    expect(later.fresh).toEqual(['prd_a']);
    expect(Object.keys(later.notices).sort()).toEqual(['prd_a', 'prd_c']);
  });
});
