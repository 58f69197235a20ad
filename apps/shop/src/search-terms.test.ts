import { describe, expect, it } from 'vitest'
import type { CategoryNode } from './api-types'
import { categoryName, MAX_RECENT_SEARCHES, normaliseQuery, parseRecentSearches, suggestedTerms, withRecentSearch } from './search-terms'

function node(nameZh: string, nameEn: string, children: [string, string][]): CategoryNode {
  const id = `cat_${nameEn.toLowerCase()}`
  return {
    id,
    parentId: null,
    nameZh,
    nameEn,
    sortOrder: 0,
    iconUrl: null,
    children: children.map(([zh, en]) => ({ id: `cat_${en}`, parentId: id, nameZh: zh, nameEn: en, sortOrder: 0, iconUrl: null })),
  }
}

describe('normaliseQuery', () => {
  it('trims, collapses inner spaces and caps the length the server accepts', () => {
    expect(normaliseQuery('  西湖   龙井 ')).toBe('西湖 龙井')
    expect(normaliseQuery('\t \n')).toBe('')
    expect(normaliseQuery('茶'.repeat(60))).toHaveLength(50)
  })
})

describe('withRecentSearch', () => {
  it('puts the newest first and keeps each term once, ignoring case', () => {
    expect(withRecentSearch(['绿茶', 'Tea', '大米'], 'tea')).toEqual(['tea', '绿茶', '大米'])
  })

  it('ignores blank queries and keeps at most a handful', () => {
    const many = Array.from({ length: MAX_RECENT_SEARCHES }, (_, index) => `词${index}`)
    expect(withRecentSearch(many, '  ')).toEqual(many)
    const next = withRecentSearch(many, '龙井')
    expect(next).toHaveLength(MAX_RECENT_SEARCHES)
    expect(next[0]).toBe('龙井')
    expect(next).not.toContain(`词${MAX_RECENT_SEARCHES - 1}`)
  })
})

describe('parseRecentSearches', () => {
  it('keeps the order of well-formed entries and drops everything else', () => {
    expect(parseRecentSearches(['龙井', 42, '', null, '  大米 ', '龙井'])).toEqual(['龙井', '大米'])
    expect(parseRecentSearches('龙井')).toEqual([])
    expect(parseRecentSearches(undefined)).toEqual([])
  })
})

describe('category names and suggestions', () => {
  const tree = [node('茶叶', 'Tea', [['绿茶', 'Green tea'], ['白茶', 'White tea'], ['红茶', 'Black tea']]), node('粮油', 'Grain', [['大米', 'Rice']]), node('空', '', [])]

  it('names a category in the shopper’s language, falling back to Chinese', () => {
    expect(categoryName(tree[0]!, 'en')).toBe('Tea')
    expect(categoryName(tree[0]!, 'zh-CN')).toBe('茶叶')
    expect(categoryName(tree[2]!, 'en')).toBe('空')
  })

  it('suggests leaf categories round-robin across the top-level ones', () => {
    expect(suggestedTerms(tree, 'zh-CN')).toEqual(['绿茶', '大米', '白茶', '红茶'])
    expect(suggestedTerms(tree, 'en', 2)).toEqual(['Green tea', 'Rice'])
    expect(suggestedTerms([], 'zh-CN')).toEqual([])
  })
})
