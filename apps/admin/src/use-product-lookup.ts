import { useEffect, useState } from 'react';
import { api } from './api';
import { useI18n } from './i18n';
import type { ProductDetail, Sku } from './types';

// Promotions and reviews carry only product and SKU ids; one detail read per product per language
// is shared by every table that shows them, so paging back and forth does not refetch.
const cache = new Map<string, Promise<ProductDetail | null>>();

export function loadProduct(productId: string, locale: string): Promise<ProductDetail | null> {
  const key = `${locale}:${productId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = api.get<ProductDetail>(`/admin/products/${encodeURIComponent(productId)}`, { silent: true }).catch(() => null);
    cache.set(key, pending);
  }
  return pending;
}

/** Details of the given products, filled in as they arrive; unknown or unreadable ones stay absent. */
export function useProducts(productIds: readonly string[]): Record<string, ProductDetail> {
  const { locale } = useI18n();
  const [products, setProducts] = useState<Record<string, ProductDetail>>({});
  const key = [...new Set(productIds)].sort().join(',');

  useEffect(() => {
    let cancelled = false;
    const ids = key ? key.split(',') : [];
    void Promise.all(ids.map((id) => loadProduct(id, locale))).then((loaded) => {
      if (cancelled) return;
      const next: Record<string, ProductDetail> = {};
      for (const product of loaded) if (product) next[product.id] = product;
      setProducts(next);
    });
    return () => {
      cancelled = true;
    };
  }, [key, locale]);

  return products;
}

/** "规格: 250g / 包装: 礼盒" for a SKU, or its code when it has no specs. */
export function skuSpecsText(sku: Sku): string {
  return sku.specs.length ? sku.specs.map((spec) => `${spec.name}: ${spec.value}`).join(' / ') : sku.skuCode;
}

/** The product title and SKU specs of a SKU id, or null while unknown. */
export function describeSku(products: Record<string, ProductDetail>, productId: string, skuId: string): { title: string; specs: string } | null {
  const product = products[productId];
  if (!product) return null;
  const sku = product.skus.find((candidate) => candidate.id === skuId);
  return { title: product.title, specs: sku ? skuSpecsText(sku) : '' };
}
