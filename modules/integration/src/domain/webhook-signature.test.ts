import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { webhookBody, webhookSignature } from './webhook-signature.ts';
import { decodeCursor, encodeCursor } from './feed-cursor.ts';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC of timestamp.body under the secret', () => {
    const body = webhookBody({ id: 'evt_1', type: 'order.paid', occurredAt: new Date('2026-05-03T00:00:00Z'), data: { orderId: 'ord_1', payableFen: 1990 } });
    expect(body).toBe('{"id":"evt_1","type":"order.paid","occurredAt":"2026-05-03T00:00:00.000Z","data":{"orderId":"ord_1","payableFen":1990}}');
    const expected = createHmac('sha256', 'whsec_test').update(`1777766400.${body}`).digest('hex');
    expect(webhookSignature('whsec_test', 1777766400, body)).toBe(`sha256=${expected}`);
    expect(webhookSignature('whsec_test', 1777766401, body)).not.toBe(`sha256=${expected}`);
    expect(webhookSignature('whsec_other', 1777766400, body)).not.toBe(`sha256=${expected}`);
  });
});

describe('feed cursors', () => {
  it('round-trips and refuses anything else', () => {
    const cursor = encodeCursor(['2026-05-03T08:00:00.123456Z', 'lead_1']);
    expect(decodeCursor(cursor, 2)).toEqual(['2026-05-03T08:00:00.123456Z', 'lead_1']);
    expect(decodeCursor(cursor, 1)).toBeNull();
    expect(decodeCursor('not base64 !', 1)).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":1,"k":[1]}').toString('base64url'), 1)).toBeNull();
    expect(decodeCursor(Buffer.from('[]').toString('base64url'), 1)).toBeNull();
  });
});
