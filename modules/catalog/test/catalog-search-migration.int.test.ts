import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateToLatest, openDatabase, sql, type Database } from '@linkmall/db';

/** 0011 on a database with products and storefronts: free-text categories become leaves, banners and storefront categories move. */
let database: Database;
const folders: string[] = [];

function migrationsBefore(limit: string, through = false): string {
  const folder = mkdtempSync(join(tmpdir(), 'linkmall-migrations-'));
  for (const name of readdirSync(MIGRATIONS_FOLDER).filter((file) => file.endsWith('.sql') && (through ? file <= limit : file < limit))) {
    copyFileSync(join(MIGRATIONS_FOLDER, name), join(folder, name));
  }
  folders.push(folder);
  return folder;
}

beforeAll(async () => {
  database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db, migrationsBefore('0011'));
  await sql`
    insert into organizations (id, kind, name, created_at, updated_at) values
      ('org_legacy', 'supplier', '老供应商', now(), now()), ('org_shop', 'merchant', '老商户', now(), now())`.execute(database.db);
  await sql`
    insert into products (id, supplier_id, title, category, supply_price_fen, retail_price_fen, status, created_at, updated_at) values
      ('prd_a', 'org_legacy', '老龙井', '茶叶', 100, 200, 'on_sale', now(), now()),
      ('prd_b', 'org_legacy', '老白茶', '茶叶', 100, 200, 'on_sale', now(), now()),
      ('prd_c', 'org_legacy', '核桃', '坚果', 100, 200, 'draft', now(), now()),
      ('prd_d', 'org_legacy', '杂项', '其他', 100, 200, 'draft', now(), now())`.execute(database.db);
  await sql`
    insert into storefronts (merchant_id, name, banner_url, categories, created_at, updated_at)
    values ('org_shop', '老店', 'https://img.example.com/old-banner.jpg', array['茶叶', '零食'], now(), now())`.execute(database.db);
  expect((await migrateToLatest(database.db, migrationsBefore('0011_catalog_search.sql', true))).applied).toEqual(['0011_catalog_search']);
});
afterAll(async () => {
  await database?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('migration 0011 on existing data', () => {
  it('files each free-text category as a leaf under 其他 and links the products', async () => {
    const categories = (await sql<{ id: string; parent_id: string | null; name_zh: string }>`select id, parent_id, name_zh from categories order by name_zh`.execute(database.db)).rows;
    const root = categories.find((category) => category.parent_id === null)!;
    expect(root.name_zh).toBe('其他');
    expect(categories.filter((category) => category.parent_id === root.id).map((category) => category.name_zh).sort()).toEqual(['坚果', '茶叶'].sort());
    const products = (await sql<{ id: string; category_id: string | null; search_tokens: string | null }>`select id, category_id, search_tokens from products order by id`.execute(database.db)).rows;
    const tea = categories.find((category) => category.name_zh === '茶叶')!.id;
    expect(products.map((product) => [product.id, product.category_id])).toEqual([
      ['prd_a', tea],
      ['prd_b', tea],
      ['prd_c', categories.find((category) => category.name_zh === '坚果')!.id],
      // "其他" is the root's own name; a product cannot sit on a top-level category, so it stays unlinked.
      ['prd_d', null],
    ]);
    // Tokens wait for the catalog (jieba runs in Node): null marks them pending.
    expect(products.every((product) => product.search_tokens === null)).toBe(true);
  });

  it('moves a storefront’s banner and name-only categories into the new shape', async () => {
    const storefront = (await sql<{ banner_urls: string[]; intro: string }>`select banner_urls, intro from storefronts`.execute(database.db)).rows[0]!;
    expect(storefront).toEqual({ banner_urls: ['https://img.example.com/old-banner.jpg'], intro: '' });
    const groups = (await sql<{ name: string; position: number }>`select name, position from storefront_categories order by position`.execute(database.db)).rows;
    expect(groups).toEqual([
      { name: '茶叶', position: 0 },
      { name: '零食', position: 1 },
    ]);
  });

  it('indexes the search vector with a GIN index the queries can use', async () => {
    await sql`update products set search_title_tokens = '老 龙井', search_tokens = '茶叶' where id = 'prd_a'`.execute(database.db);
    const found = (await sql<{ id: string }>`select id from products where product_search_vector(search_title_tokens, search_tokens) @@ plainto_tsquery('simple', '龙井')`.execute(database.db)).rows;
    expect(found).toEqual([{ id: 'prd_a' }]);
  });
});
