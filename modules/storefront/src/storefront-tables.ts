import type { ColumnType } from 'kysely';

export interface StorefrontTable {
  merchant_id: string;
  name: string;
  logo_url: string | null;
  /** In display order; the first is the main banner. */
  banner_urls: ColumnType<string[], string[] | undefined, string[]>;
  intro: ColumnType<string, string | undefined, string>;
  created_at: Date;
  updated_at: Date;
}

export interface StorefrontItemTable {
  merchant_id: string;
  sku_id: string;
  product_id: string;
  retail_price_fen: bigint;
  featured: boolean;
  position: number;
  created_at: Date;
  updated_at: Date;
}

/** Products a storefront shows first, in order; only products it sells. */
export interface StorefrontFeaturedProductTable {
  merchant_id: string;
  product_id: string;
  position: number;
}

/** A merchant's own grouping of its products (its shelves), in order. */
export interface StorefrontCategoryTable {
  id: string;
  merchant_id: string;
  name: string;
  position: number;
  created_at: Date;
  updated_at: Date;
}

export interface StorefrontCategoryProductTable {
  category_id: string;
  product_id: string;
  position: number;
}

export interface StorefrontTables {
  storefronts: StorefrontTable;
  storefront_items: StorefrontItemTable;
  storefront_featured_products: StorefrontFeaturedProductTable;
  storefront_categories: StorefrontCategoryTable;
  storefront_category_products: StorefrontCategoryProductTable;
}
