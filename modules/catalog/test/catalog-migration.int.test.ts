import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateToLatest, openDatabase, type Database } from '@linkmall/db';

/** 0002 on a database that already has products: each becomes a single-SKU product at its old prices. */
let database: Database;
let foundationOnly: string;
let throughCatalog: string;

/** A folder with the first migrations only, so later migrations of other modules do not interfere. */
function migrationsUpTo(names: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'linkmall-migrations-'));
  for (const name of names) copyFileSync(join(MIGRATIONS_FOLDER, name), join(folder, name));
  return folder;
}

beforeAll(async () => {
  foundationOnly = migrationsUpTo(['0001_foundation.sql']);
  throughCatalog = migrationsUpTo(['0001_foundation.sql', '0002_catalog.sql']);
  database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db, foundationOnly);
  const now = new Date('2026-11-01T00:00:00Z');
  await database.db.insertInto('organizations').values({ id: 'org_legacy', kind: 'supplier', name: '老供应商', created_at: now, updated_at: now }).execute();
  await database.db
    .insertInto('products')
    .values([
      { id: 'prd_legacy1', supplier_id: 'org_legacy', title: '老商品', category: '茶叶', image_url: 'https://img.example.com/old.jpg', supply_price_fen: 1000n, retail_price_fen: 1990n, status: 'on_sale', created_at: now, updated_at: now },
      // Nothing stopped a supply price above the retail price before; the band must still hold after.
      { id: 'prd_legacy2', supplier_id: 'org_legacy', title: '倒挂', category: '茶叶', supply_price_fen: 3000n, retail_price_fen: 2000n, status: 'draft', created_at: now, updated_at: now },
    ])
    .execute();
  expect((await migrateToLatest(database.db, throughCatalog)).applied).toEqual(['0002_catalog']);
});
afterAll(async () => {
  await database?.close();
  for (const folder of [foundationOnly, throughCatalog]) rmSync(folder, { recursive: true, force: true });
});

describe('migration 0002 on existing products', () => {
  it('gives each product a default SKU, an SPU code and its image list', async () => {
    const products = await database.db.selectFrom('products').select(['id', 'spu_code', 'image_urls', 'status']).orderBy('id').execute();
    expect(products).toEqual([
      { id: 'prd_legacy1', spu_code: 'prd_legacy1', image_urls: ['https://img.example.com/old.jpg'], status: 'on_sale' },
      { id: 'prd_legacy2', spu_code: 'prd_legacy2', image_urls: [], status: 'draft' },
    ]);
    const skus = await database.db
      .selectFrom('skus')
      .select(['id', 'product_id', 'sku_code', 'specs', 'supply_price_fen', 'min_retail_price_fen', 'suggested_retail_price_fen', 'max_retail_price_fen', 'stock'])
      .orderBy('product_id')
      .execute();
    expect(skus).toEqual([
      { id: 'sku_legacy1', product_id: 'prd_legacy1', sku_code: 'prd_legacy1-1', specs: [], supply_price_fen: 1000n, min_retail_price_fen: 1990n, suggested_retail_price_fen: 1990n, max_retail_price_fen: 1990n, stock: 0 },
      { id: 'sku_legacy2', product_id: 'prd_legacy2', sku_code: 'prd_legacy2-1', specs: [], supply_price_fen: 3000n, min_retail_price_fen: 3000n, suggested_retail_price_fen: 3000n, max_retail_price_fen: 3000n, stock: 0 },
    ]);
  });

  it('enforces stock ≥ 0, the price band, the review statuses and per-supplier codes in the database', async () => {
    const now = new Date();
    const sku = { product_id: 'prd_legacy1', supplier_id: 'org_legacy', specs: '[]', supply_price_fen: 100n, min_retail_price_fen: 100n, suggested_retail_price_fen: 100n, max_retail_price_fen: 100n, stock: 0, created_at: now, updated_at: now };
    await expect(database.db.insertInto('skus').values({ ...sku, id: 'sku_a', sku_code: 'A', stock: -1 }).execute()).rejects.toThrow(/skus_stock_check/);
    await expect(database.db.insertInto('skus').values({ ...sku, id: 'sku_b', sku_code: 'B', min_retail_price_fen: 99n }).execute()).rejects.toThrow(/skus_price_band_check/);
    await expect(database.db.insertInto('skus').values({ ...sku, id: 'sku_c', sku_code: 'prd_legacy1-1' }).execute()).rejects.toThrow(/skus_supplier_sku_code_key/);
    await expect(database.db.insertInto('skus').values({ ...sku, id: 'sku_d', sku_code: 'D', supplier_id: 'org_other' }).execute()).rejects.toThrow(/foreign key/);
    await database.db.updateTable('products').set({ status: 'pending_review' }).where('id', '=', 'prd_legacy2').execute();
    await expect(database.db.updateTable('products').set({ status: 'rejected' }).where('id', '=', 'prd_legacy2').execute()).rejects.toThrow(/products_rejection_reason_check/);
    // An insert without an SPU code (older callers) takes the product id.
    await database.db.insertInto('products').values({ id: 'prd_new', supplier_id: 'org_legacy', title: '新', category: '茶叶', supply_price_fen: 1n, retail_price_fen: 1n, created_at: now, updated_at: now }).execute();
    expect((await database.db.selectFrom('products').select('spu_code').where('id', '=', 'prd_new').executeTakeFirstOrThrow()).spu_code).toBe('prd_new');
  });
});
