import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { isUniqueViolation, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { transact } from './catalog-transaction.ts';
import { categoryStore, type CategoryRow } from './category-store.ts';
import { buildCategoryTree, categoryProblem, type CategoryNode, type CategoryTreeNode } from './domain/category-tree.ts';
import { refreshSearchTokens } from './search-index.ts';

export interface CategoryView {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  iconUrl: string | null;
}

export interface CategoryTreeView extends CategoryView {
  children: CategoryView[];
}

export interface NewCategory {
  readonly parentId?: string | null;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly sortOrder?: number;
  readonly iconUrl?: string | null;
}

export type CategoryPatch = Partial<NewCategory>;

const toNode = (row: CategoryRow): CategoryNode => ({ id: row.id, parentId: row.parent_id, nameZh: row.name_zh, nameEn: row.name_en, sortOrder: row.sort_order, iconUrl: row.icon_url });
const toView = (node: CategoryNode): CategoryView => ({ ...node });
const toTreeView = (node: CategoryTreeNode): CategoryTreeView => ({ ...toView(node), children: node.children.map(toView) });

type CategoryResult<T> = Promise<Result<T, CatalogErrorCode>>;

/** The platform's category tree: anyone reads it; only platform staff change it, every change audited. */
export function createCategoryService(db: Db) {
  const platformOnly = (ctx: RequestContext) => ctx.actor?.scope.kind !== 'all';

  return {
    async tree(): Promise<CategoryTreeView[]> {
      return buildCategoryTree((await categoryStore.all(db)).map(toNode)).map(toTreeView);
    },

    async create(ctx: RequestContext, input: NewCategory): CategoryResult<CategoryView> {
      if (platformOnly(ctx)) return err('platform_only');
      try {
        return await transact(db, async (tx) => {
          await categoryStore.lockTree(tx);
          const tree = (await categoryStore.all(tx)).map(toNode);
          const parentId = input.parentId ?? null;
          const problem = categoryProblem(tree, { id: null, parentId, nameZh: input.nameZh });
          if (problem) return err(problem, { name: input.nameZh });
          const now = ctx.clock.now();
          const row: CategoryRow = {
            id: newId('cat', now.getTime()),
            parent_id: parentId,
            name_zh: input.nameZh,
            name_en: input.nameEn,
            sort_order: input.sortOrder ?? 0,
            icon_url: input.iconUrl ?? null,
            created_at: now,
            updated_at: now,
          };
          await categoryStore.insert(tx, row);
          const view = toView(toNode(row));
          await recordAudit(tx, ctx, { action: 'category.created', entityType: 'category', entityId: row.id, organizationId: null, before: null, after: view });
          return ok(view);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'categories_name_zh_key')) return err('category_name_taken', { name: input.nameZh });
        throw error;
      }
    },

    /**
     * Renames, re-orders or moves a category. Its products (a leaf's, or every leaf's under a root)
     * are found by the category names, so their display text and search tokens follow in the same
     * transaction.
     */
    async update(ctx: RequestContext, id: string, patch: CategoryPatch): CategoryResult<CategoryView> {
      if (platformOnly(ctx)) return err('platform_only');
      try {
        return await transact(db, async (tx) => {
          await categoryStore.lockTree(tx);
          const current = await categoryStore.find(tx, id, { forUpdate: true });
          if (!current) return err('category_not_found');
          const before = toNode(current);
          const after: CategoryNode = {
            ...before,
            ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
            ...(patch.nameZh !== undefined ? { nameZh: patch.nameZh } : {}),
            ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
            ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
            ...(patch.iconUrl !== undefined ? { iconUrl: patch.iconUrl } : {}),
          };
          const tree = (await categoryStore.all(tx)).map(toNode);
          const problem = categoryProblem(tree, { id, parentId: after.parentId, nameZh: after.nameZh });
          if (problem) return err(problem, { name: after.nameZh });
          if (JSON.stringify(before) === JSON.stringify(after)) return ok(toView(before));
          await categoryStore.update(tx, id, {
            parent_id: after.parentId,
            name_zh: after.nameZh,
            name_en: after.nameEn,
            sort_order: after.sortOrder,
            icon_url: after.iconUrl,
            updated_at: ctx.clock.now(),
          });
          const namesChanged = before.nameZh !== after.nameZh || before.nameEn !== after.nameEn || before.parentId !== after.parentId;
          if (namesChanged) {
            if (after.parentId !== null && before.nameZh !== after.nameZh) await categoryStore.renameProductsIn(tx, id, after.nameZh);
            const leafIds = after.parentId === null ? tree.filter((node) => node.parentId === id).map((node) => node.id) : [id];
            await refreshSearchTokens(tx, await categoryStore.productIdsIn(tx, leafIds));
          }
          await recordAudit(tx, ctx, { action: 'category.updated', entityType: 'category', entityId: id, organizationId: null, before: toView(before), after: toView(after) });
          return ok(toView(after));
        });
      } catch (error) {
        if (isUniqueViolation(error, 'categories_name_zh_key')) return err('category_name_taken', { name: patch.nameZh ?? '' });
        throw error;
      }
    },

    /** Only an empty category goes: products keep their link, so a category in use is refused rather than orphaning them. */
    async delete(ctx: RequestContext, id: string): CategoryResult<{ deleted: true }> {
      if (platformOnly(ctx)) return err('platform_only');
      return transact(db, async (tx) => {
        await categoryStore.lockTree(tx);
        const current = await categoryStore.find(tx, id, { forUpdate: true });
        if (!current) return err('category_not_found');
        const [childCount, productCount] = [await categoryStore.childCount(tx, id), await categoryStore.productCount(tx, id)];
        if (childCount > 0 || productCount > 0) return err('category_in_use', { childCount, productCount });
        await categoryStore.delete(tx, id);
        await recordAudit(tx, ctx, { action: 'category.deleted', entityType: 'category', entityId: id, organizationId: null, before: toView(toNode(current)), after: null });
        return ok({ deleted: true as const });
      });
    },

    /** A category and, for a root, its leaves: what "products in this category" covers. Empty when it does not exist. */
    async leafIdsUnder(id: string): Promise<string[] | null> {
      const rows = await categoryStore.all(db);
      const node = rows.find((row) => row.id === id);
      if (!node) return null;
      return node.parent_id === null ? rows.filter((row) => row.parent_id === id).map((row) => row.id) : [id];
    },
  };
}
export type CategoryService = ReturnType<typeof createCategoryService>;
