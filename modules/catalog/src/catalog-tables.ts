import type { ColumnType, Generated } from 'kysely';
import type { ProductStatus } from './domain/product-status.ts';
import type { SpecValue } from './domain/sku-set.ts';
import type { SupplierStatus } from './domain/supplier-status.ts';

/**
 * A supplier's product (SPU) as the platform sells it. `supply_price_fen` and `retail_price_fen` are
 * the "from" prices of its SKUs (lowest supply, lowest suggested retail), kept by the service.
 */
export interface ProductTable {
  id: string;
  supplier_id: string;
  /** The supplier's own code for the product, unique per supplier; defaults to the id (a trigger). */
  spu_code: ColumnType<string, string | undefined, string>;
  title: string;
  subtitle: Generated<string>;
  /** The display text: the linked leaf's Chinese name, or free text a legacy row or an unmatched name carries. */
  category: string;
  /** The leaf category the shop files the product under; null when its text names no platform category. */
  category_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** jieba tokens of the title, space-separated (see search-tokenizer.ts). */
  search_title_tokens: ColumnType<string | null, string | null | undefined, string | null>;
  /** jieba tokens of subtitle, category names, origin and spec values; null until the row is tokenised. */
  search_tokens: ColumnType<string | null, string | null | undefined, string | null>;
  /** The first image, kept for lists and older readers. */
  image_url: string | null;
  image_urls: Generated<string[]>;
  /** Sanitised HTML. */
  description_html: Generated<string>;
  shipping_template_id: string | null;
  batch_number: string | null;
  origin: string | null;
  inspection_report_url: string | null;
  supply_price_fen: bigint;
  retail_price_fen: bigint;
  status: Generated<ProductStatus>;
  rejection_reason: string | null;
  /** 爆品专享: reserved by the platform for members whose growth level grants hot-product access (checkout gates it). */
  hot_product: Generated<boolean>;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** One sellable variant of a product, with its price band and stock. */
export interface SkuTable {
  id: string;
  product_id: string;
  supplier_id: string;
  sku_code: string;
  position: number;
  /** jsonb: written as a JSON string, read back as the array. */
  specs: ColumnType<SpecValue[], string, string>;
  supply_price_fen: bigint;
  min_retail_price_fen: bigint;
  suggested_retail_price_fen: bigint;
  max_retail_price_fen: bigint;
  stock: number;
  weight_grams: number;
  /** A retail price the platform fixed: while set, storefronts sell the SKU at exactly this price. */
  fixed_retail_price_fen: ColumnType<bigint | null, bigint | null | undefined, bigint | null>;
  created_at: Date;
  updated_at: Date;
}

/** The platform's two-level category tree: roots (no parent) group the leaves products link to. */
export interface CategoryTable {
  id: string;
  parent_id: string | null;
  name_zh: string;
  name_en: string;
  sort_order: number;
  icon_url: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A supplier organisation's company data and settlement account, reviewed by the platform. */
export interface SupplierProfileTable {
  organization_id: string;
  company_name: string;
  credit_code: string;
  contact_name: string;
  /** AES-256-GCM ciphertext: a contact's mobile number is personal data. */
  contact_phone: string;
  bank_name: string;
  bank_account_name: string;
  /** AES-256-GCM ciphertext; shown only masked. */
  bank_account_number: string;
  status: SupplierStatus;
  rejection_reason: string | null;
  submitted_at: Date;
  reviewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface CatalogTables {
  products: ProductTable;
  skus: SkuTable;
  supplier_profiles: SupplierProfileTable;
  categories: CategoryTable;
}
