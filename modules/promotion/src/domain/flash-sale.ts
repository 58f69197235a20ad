import { err, ok, type Result } from '@linkmall/kernel';

/**
 * 秒杀: a SKU at a special price inside a time window, with its own quota (separate from normal stock)
 * and a per-buyer limit. The quota itself is taken by a guarded single-statement decrement in the
 * database; this check only decides whether a buyer may try.
 */
export interface FlashSale {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly quotaRemaining: number;
  readonly perBuyerLimit: number;
}

export type FlashSaleRejection = 'flash_sale_not_started' | 'flash_sale_ended' | 'flash_sale_sold_out' | 'flash_sale_limit_reached';

export function mayBuy(sale: FlashSale, alreadyBoughtByBuyer: number, quantity: number, now: Date): Result<void, FlashSaleRejection> {
  if (now < sale.startsAt) return err('flash_sale_not_started');
  if (now >= sale.endsAt) return err('flash_sale_ended');
  if (sale.quotaRemaining < quantity) return err('flash_sale_sold_out');
  if (alreadyBoughtByBuyer + quantity > sale.perBuyerLimit) {
    return err('flash_sale_limit_reached', { perBuyerLimit: sale.perBuyerLimit, alreadyBought: alreadyBoughtByBuyer });
  }
  return ok(undefined);
}
