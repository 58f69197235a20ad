import { allocateProportionally } from './allocate.ts';

export interface CheckoutLineInput {
  readonly skuId: string;
  readonly productId: string;
  readonly supplierId: string;
  readonly title: string;
  readonly specs: string;
  readonly quantity: number;
  /** The merchant's retail price per unit at checkout (the snapshot the buyer agreed to). */
  readonly unitPriceFen: bigint;
  /** What the platform pays the supplier per unit. */
  readonly supplyPriceFen: bigint;
}

export interface PricedLine extends CheckoutLineInput {
  readonly lineTotalFen: bigint;
  readonly discountFen: bigint;
  readonly payableFen: bigint;
}

export interface SubOrderDraft {
  readonly supplierId: string;
  readonly lines: PricedLine[];
  readonly goodsFen: bigint;
  readonly discountFen: bigint;
  readonly shippingFen: bigint;
  readonly payableFen: bigint;
}

export interface CheckoutDraft {
  readonly subOrders: SubOrderDraft[];
  readonly goodsFen: bigint;
  readonly discountFen: bigint;
  readonly shippingFen: bigint;
  readonly payableFen: bigint;
}

/**
 * One parent order, one sub-order per supplier (dropship: each supplier ships its own part). The
 * order discount is spread over lines in proportion to their totals, so a refund of a line returns
 * exactly what was paid for it; shipping is charged per supplier.
 */
export function splitCheckout(
  lines: readonly CheckoutLineInput[],
  options: {
    discountFen: bigint;
    /** How to spread the discount (default: line totals); a coupon limited to some products weighs the others 0. */
    discountWeights?: readonly bigint[];
    shippingFenBySupplier?: ReadonlyMap<string, bigint>;
  },
): CheckoutDraft {
  if (lines.length === 0) throw new Error('a checkout needs at least one line');
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new Error(`bad quantity for ${line.skuId}`);
    if (line.unitPriceFen < 0n || line.supplyPriceFen < 0n) throw new Error(`negative price for ${line.skuId}`);
  }
  const totals = lines.map((line) => line.unitPriceFen * BigInt(line.quantity));
  const goodsFen = totals.reduce((sum, total) => sum + total, 0n);
  const weights = options.discountWeights ?? totals;
  if (weights.length !== totals.length) throw new Error('one discount weight per line');
  const coverable = weights.reduce((sum, weight) => sum + weight, 0n);
  const discountFen = options.discountFen > coverable ? coverable : options.discountFen;
  // A line's weight is also its cap: no line is discounted below zero or outside the coupon's products.
  const discounts = allocateProportionally(weights, discountFen, weights);
  const priced: PricedLine[] = lines.map((line, index) => ({
    ...line,
    lineTotalFen: totals[index]!,
    discountFen: discounts[index]!,
    payableFen: totals[index]! - discounts[index]!,
  }));

  const bySupplier = new Map<string, PricedLine[]>();
  for (const line of priced) bySupplier.set(line.supplierId, [...(bySupplier.get(line.supplierId) ?? []), line]);
  const subOrders = [...bySupplier.entries()].map(([supplierId, supplierLines]): SubOrderDraft => {
    const shippingFen = options.shippingFenBySupplier?.get(supplierId) ?? 0n;
    const goods = supplierLines.reduce((sum, line) => sum + line.lineTotalFen, 0n);
    const discount = supplierLines.reduce((sum, line) => sum + line.discountFen, 0n);
    return { supplierId, lines: supplierLines, goodsFen: goods, discountFen: discount, shippingFen, payableFen: goods - discount + shippingFen };
  });
  const shippingFen = subOrders.reduce((sum, subOrder) => sum + subOrder.shippingFen, 0n);
  return { subOrders, goodsFen, discountFen, shippingFen, payableFen: goodsFen - discountFen + shippingFen };
}
