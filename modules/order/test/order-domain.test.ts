import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProportionally } from '../src/domain/allocate.ts';
import { ORDER_STATUSES, TERMINAL_STATUSES, holdsStock, transition, type OrderEvent, type OrderStatus } from '../src/domain/order-status.ts';
import { splitCheckout, type CheckoutLineInput } from '../src/domain/split-checkout.ts';

const EVENTS: OrderEvent[] = [
  { type: 'pay' },
  { type: 'cancel' },
  { type: 'close' },
  { type: 'ship' },
  { type: 'confirm_receipt' },
  { type: 'complete' },
  { type: 'open_after_sales' },
  { type: 'refund_all' },
  { type: 'close_after_sales', resumeStatus: 'shipped' },
];

describe('order status transitions', () => {
  it('follows the happy path', () => {
    let status: OrderStatus = 'created';
    for (const type of ['pay', 'ship', 'confirm_receipt', 'complete'] as const) {
      const next = transition(status, { type });
      expect(next.ok).toBe(true);
      if (next.ok) status = next.value;
    }
    expect(status).toBe('completed');
  });

  it('refuses events that do not apply, naming the state and event', () => {
    expect(transition('created', { type: 'ship' })).toEqual({ ok: false, code: 'invalid_order_transition', details: { from: 'created', event: 'ship' } });
    expect(transition('paid', { type: 'pay' }).ok).toBe(false);
    expect(transition('completed', { type: 'open_after_sales' }).ok).toBe(false);
  });

  it('returns to where the order was when an after-sales case closes without a full refund', () => {
    expect(transition('refunding', { type: 'close_after_sales', resumeStatus: 'received' })).toEqual({ ok: true, value: 'received' });
    expect(transition('refunding', { type: 'refund_all' })).toEqual({ ok: true, value: 'refunded' });
  });

  it('never leaves a terminal status, whatever events arrive', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (start, events) => {
        let status = start;
        let terminalSince: OrderStatus | null = TERMINAL_STATUSES.has(start) ? start : null;
        for (const event of events) {
          const next = transition(status, event);
          if (next.ok) status = next.value;
          if (terminalSince) expect(status).toBe(terminalSince);
          if (TERMINAL_STATUSES.has(status)) terminalSince = status;
        }
      }),
    );
  });

  it('releases stock only for orders that ended unpaid', () => {
    expect(ORDER_STATUSES.filter((status) => !holdsStock(status))).toEqual(['cancelled', 'closed']);
  });
});

describe('proportional allocation in fen', () => {
  it('splits by weight with the rounding fen going to the largest remainders', () => {
    expect(allocateProportionally([100n, 100n, 100n], 100n)).toEqual([34n, 33n, 33n]);
    expect(allocateProportionally([5000n, 3000n, 2000n], 1000n)).toEqual([500n, 300n, 200n]);
    expect(allocateProportionally([1n, 1n], 0n)).toEqual([0n, 0n]);
  });

  it('always adds up exactly and never exceeds a line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { minLength: 1, maxLength: 20 }).filter((weights) => weights.some((weight) => weight > 0n)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const sum = weights.reduce((a, b) => a + b, 0n);
          const total = BigInt(Math.floor(Number(sum) * fraction));
          const parts = allocateProportionally(weights, total);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          parts.forEach((part, index) => {
            expect(part >= 0n).toBe(true);
            expect(part <= weights[index]!).toBe(true);
          });
        },
      ),
    );
  });

  it('refuses to allocate more than the caps allow', () => {
    expect(() => allocateProportionally([10n, 10n], 21n)).toThrow();
    expect(() => allocateProportionally([10n], -1n)).toThrow();
  });
});

const line = (supplierId: string, skuId: string, unitPriceFen: bigint, quantity: number): CheckoutLineInput => ({
  skuId,
  productId: `prd_${skuId}`,
  supplierId,
  title: skuId,
  specs: '',
  quantity,
  unitPriceFen,
  supplyPriceFen: unitPriceFen / 2n,
});

describe('checkout split', () => {
  it('makes one sub-order per supplier with shipping per supplier', () => {
    const draft = splitCheckout([line('s1', 'tea', 19800n, 1), line('s2', 'mask', 8900n, 2), line('s1', 'nuts', 6900n, 1)], {
      discountFen: 3000n,
      shippingFenBySupplier: new Map([['s2', 1000n]]),
    });
    expect(draft.subOrders.map((subOrder) => subOrder.supplierId)).toEqual(['s1', 's2']);
    expect(draft.goodsFen).toBe(19800n + 17800n + 6900n);
    expect(draft.discountFen).toBe(3000n);
    expect(draft.shippingFen).toBe(1000n);
    expect(draft.payableFen).toBe(draft.goodsFen - 3000n + 1000n);
    expect(draft.subOrders.reduce((sum, subOrder) => sum + subOrder.payableFen, 0n)).toBe(draft.payableFen);
  });

  it('keeps every total consistent for random carts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ supplier: fc.constantFrom('s1', 's2', 's3'), price: fc.bigInt({ min: 1n, max: 1_000_000n }), quantity: fc.integer({ min: 1, max: 20 }) }), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: 0n, max: 50_000_000n }),
        (cart, discountFen) => {
          const draft = splitCheckout(cart.map((item, index) => line(item.supplier, `sku${index}`, item.price, item.quantity)), { discountFen });
          const lines = draft.subOrders.flatMap((subOrder) => subOrder.lines);
          expect(lines).toHaveLength(cart.length);
          expect(lines.reduce((sum, priced) => sum + priced.payableFen, 0n)).toBe(draft.payableFen);
          expect(draft.discountFen <= draft.goodsFen).toBe(true);
          for (const priced of lines) expect(priced.payableFen >= 0n).toBe(true);
        },
      ),
    );
  });

  it('rejects empty carts and bad quantities', () => {
    expect(() => splitCheckout([], { discountFen: 0n })).toThrow();
    expect(() => splitCheckout([line('s1', 'x', 100n, 0)], { discountFen: 0n })).toThrow();
  });
});
