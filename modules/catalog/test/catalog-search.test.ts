import { describe, expect, it } from 'vitest';
import { buildCategoryTree, categoryIndex, categoryProblem, type CategoryNode } from '../src/domain/category-tree.ts';
import { documentTokens, queryGroups } from '../src/search-tokenizer.ts';

describe('search tokens', () => {
  it('cuts Chinese into words, words inside words and character pairs', () => {
    const tokens = documentTokens(['西湖龙井明前茶']).split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['西湖', '龙井', '明前茶', '明前', '茶']));
  });

  it('keeps ASCII words and numbers whole, lower-cases and folds full-width input', () => {
    const tokens = documentTokens(['清透防晒喷雾 SPF50+', 'ＡＢＣ１２３']).split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['spf50', 'abc123']));
    expect(tokens.some((token) => /[^\p{L}\p{N}]/u.test(token))).toBe(false);
  });

  it('turns a query into one group per word, with the dictionary words inside it as alternatives', () => {
    expect(queryGroups('龙井茶')).toEqual([['龙井茶', '龙井']]);
    expect(queryGroups('安吉 白茶, 礼盒')).toEqual([['安吉'], ['白茶'], ['礼盒']]);
    expect(queryGroups('!!! ...')).toEqual([]);
    expect(queryGroups('一 二 三 四 五 六 七 八 九 十 百 千').length).toBe(10);
  });
});

const node = (id: string, parentId: string | null, nameZh: string, nameEn = nameZh): CategoryNode => ({ id, parentId, nameZh, nameEn, sortOrder: 0, iconUrl: null });
const tree = [node('tea', null, '茶叶', 'Tea'), node('green', 'tea', '绿茶', 'Green tea'), node('white', 'tea', '白茶', 'White tea'), node('snack', null, '零食', 'Snacks')];

describe('category tree rules', () => {
  it('builds two levels in display order (sort order, then pinyin)', () => {
    expect(buildCategoryTree(tree).map((root) => [root.nameZh, root.children.map((child) => child.nameZh)])).toEqual([
      ['茶叶', ['白茶', '绿茶']],
      ['零食', []],
    ]);
  });

  it('allows two levels only, keeps levels and names unique', () => {
    expect(categoryProblem(tree, { id: null, parentId: 'green', nameZh: '龙井' })).toBe('category_parent_not_root');
    expect(categoryProblem(tree, { id: null, parentId: 'nowhere', nameZh: '龙井' })).toBe('category_parent_not_found');
    expect(categoryProblem(tree, { id: null, parentId: 'snack', nameZh: '绿茶' })).toBe('category_name_taken');
    expect(categoryProblem(tree, { id: 'green', parentId: null, nameZh: '绿茶' })).toBe('category_level_fixed');
    expect(categoryProblem(tree, { id: 'snack', parentId: 'tea', nameZh: '零食' })).toBe('category_level_fixed');
    expect(categoryProblem(tree, { id: 'green', parentId: 'snack', nameZh: '绿茶' })).toBeNull();
  });

  it('links a product text to a leaf by either name, never to a top-level category', () => {
    const index = categoryIndex(tree);
    expect(index.leafNamed(' GREEN tea ')?.id).toBe('green');
    expect(index.leafNamed('绿茶')?.id).toBe('green');
    expect(index.leafNamed('茶叶')).toBeUndefined();
    expect(index.searchNames('green')).toEqual(['绿茶', 'Green tea', '茶叶', 'Tea']);
  });
});
