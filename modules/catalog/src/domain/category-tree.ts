/** A category as the tree rules see it. */
export interface CategoryNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly sortOrder: number;
  readonly iconUrl: string | null;
}

export interface CategoryTreeNode extends CategoryNode {
  readonly children: CategoryTreeNode[];
}

/** The two-level tree in display order (sort order, then name); leaves whose root is missing are dropped. */
export function buildCategoryTree(nodes: readonly CategoryNode[]): CategoryTreeNode[] {
  const ordered = [...nodes].sort((a, b) => a.sortOrder - b.sortOrder || a.nameZh.localeCompare(b.nameZh, 'zh-CN') || (a.id < b.id ? -1 : 1));
  const roots = ordered.filter((node) => node.parentId === null).map((node) => ({ ...node, children: [] as CategoryTreeNode[] }));
  const byId = new Map(roots.map((root) => [root.id, root]));
  for (const node of ordered) if (node.parentId !== null) byId.get(node.parentId)?.children.push({ ...node, children: [] });
  return roots;
}

/** Names are matched without regard to case or surrounding space. */
const key = (name: string) => name.trim().toLowerCase();

/**
 * Looks up categories for product writes. A product's category text links it to a leaf when it is
 * the leaf's Chinese or English name; the text then becomes the Chinese name, so "Green tea" and
 * "绿茶" file the product the same way and a repeated save changes nothing.
 */
export interface CategoryIndex {
  byId(id: string): CategoryNode | undefined;
  /** The leaf a text names, if any. */
  leafNamed(text: string): CategoryNode | undefined;
  /** The names a product in this leaf is found by: the leaf's and its root's, both languages. */
  searchNames(leafId: string | null): string[];
}

export function categoryIndex(nodes: readonly CategoryNode[]): CategoryIndex {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const leaves = new Map<string, CategoryNode>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    // Chinese names are unique across the tree; an English name shared by two leaves links neither.
    leaves.set(key(node.nameZh), node);
  }
  const english = new Map<string, CategoryNode | null>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const name = key(node.nameEn);
    english.set(name, english.has(name) ? null : node);
  }
  return {
    byId: (id) => byId.get(id),
    leafNamed: (text) => leaves.get(key(text)) ?? english.get(key(text)) ?? undefined,
    searchNames(leafId) {
      const leaf = leafId ? byId.get(leafId) : undefined;
      if (!leaf) return [];
      const root = leaf.parentId ? byId.get(leaf.parentId) : undefined;
      return [leaf.nameZh, leaf.nameEn, ...(root ? [root.nameZh, root.nameEn] : [])];
    },
  };
}

export type CategoryProblem =
  | 'category_parent_not_found'
  | 'category_parent_not_root'
  | 'category_level_fixed'
  | 'category_name_taken';

/**
 * Checks a new or changed category against the tree: a parent must be a root (two levels only), a
 * root stays a root and a leaf a leaf (products link to leaves; a root holds leaves), and Chinese
 * names are unique across the tree so a product's category text names one category.
 */
export function categoryProblem(
  tree: readonly CategoryNode[],
  change: { readonly id: string | null; readonly parentId: string | null; readonly nameZh: string },
): CategoryProblem | null {
  const current = change.id ? tree.find((node) => node.id === change.id) : undefined;
  if (current && (current.parentId === null) !== (change.parentId === null)) return 'category_level_fixed';
  if (change.parentId !== null) {
    const parent = tree.find((node) => node.id === change.parentId);
    if (!parent) return 'category_parent_not_found';
    if (parent.parentId !== null) return 'category_parent_not_root';
  }
  if (tree.some((node) => node.id !== change.id && key(node.nameZh) === key(change.nameZh))) return 'category_name_taken';
  return null;
}
