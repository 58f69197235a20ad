/** A SKU's prices in fen: what the platform pays the supplier and the band a merchant may sell within. */
export interface SkuPrices {
  readonly supplyPriceFen: bigint;
  readonly minRetailPriceFen: bigint;
  readonly suggestedRetailPriceFen: bigint;
  readonly maxRetailPriceFen: bigint;
}

export type PriceField = keyof SkuPrices;

/**
 * The invariant supply ≤ min ≤ suggested ≤ max: a merchant can never be made to sell below cost, and
 * the suggested price lies inside the band. Returns the first field that breaks it, or null.
 */
export function priceBandProblem(prices: SkuPrices): PriceField | null {
  if (prices.supplyPriceFen < 0n) return 'supplyPriceFen';
  if (prices.minRetailPriceFen < prices.supplyPriceFen) return 'minRetailPriceFen';
  if (prices.suggestedRetailPriceFen < prices.minRetailPriceFen) return 'suggestedRetailPriceFen';
  if (prices.maxRetailPriceFen < prices.suggestedRetailPriceFen) return 'maxRetailPriceFen';
  return null;
}

/** The "from" prices a product shows in lists: the lowest supply and the lowest suggested retail price of its SKUs. */
export function fromPrices(skus: readonly SkuPrices[]): { supplyPriceFen: bigint; retailPriceFen: bigint } {
  if (skus.length === 0) return { supplyPriceFen: 0n, retailPriceFen: 0n };
  let supplyPriceFen = skus[0]!.supplyPriceFen;
  let retailPriceFen = skus[0]!.suggestedRetailPriceFen;
  for (const sku of skus) {
    if (sku.supplyPriceFen < supplyPriceFen) supplyPriceFen = sku.supplyPriceFen;
    if (sku.suggestedRetailPriceFen < retailPriceFen) retailPriceFen = sku.suggestedRetailPriceFen;
  }
  return { supplyPriceFen, retailPriceFen };
}
