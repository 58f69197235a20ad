export interface StorefrontTable {
  merchant_id: string;
  name: string;
  logo_url: string | null;
  banner_url: string | null;
  categories: string[];
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

export interface StorefrontTables {
  storefronts: StorefrontTable;
  storefront_items: StorefrontItemTable;
}
