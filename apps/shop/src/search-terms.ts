import type { Category, CategoryNode } from './api-types'

/** The server refuses longer queries; the input caps typing there too. */
export const MAX_QUERY_LENGTH = 50
export const MAX_RECENT_SEARCHES = 10

/** What is actually searched for: trimmed, inner runs of spaces collapsed, capped; '' means nothing to search. */
export function normaliseQuery(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY_LENGTH).trim()
}

/** The recent searches after searching `query`: newest first, each once (ignoring case), at most a handful. */
export function withRecentSearch(recent: readonly string[], query: string, limit = MAX_RECENT_SEARCHES): string[] {
  const normalised = normaliseQuery(query)
  if (normalised === '') return recent.slice(0, limit)
  const key = normalised.toLowerCase()
  return [normalised, ...recent.filter((known) => known.toLowerCase() !== key)].slice(0, limit)
}

/** Keeps only well-formed entries of what device storage returned (it may hold anything). */
export function parseRecentSearches(stored: unknown): string[] {
  if (!Array.isArray(stored)) return []
  const valid = stored.filter((entry): entry is string => typeof entry === 'string' && normaliseQuery(entry) !== '')
  return valid.reduceRight<string[]>((recent, entry) => withRecentSearch(recent, entry), []).slice(0, MAX_RECENT_SEARCHES)
}

/** A category's name in the shopper's language (the Chinese one when no English name was given). */
export function categoryName(category: Pick<Category, 'nameZh' | 'nameEn'>, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' && category.nameEn.trim() !== '' ? category.nameEn : category.nameZh
}

/**
 * Words to try when a search found nothing, or before the first one: the leaf categories, taking
 * one from each top-level category in turn so the suggestions span the catalog.
 */
export function suggestedTerms(tree: readonly CategoryNode[], locale: 'zh-CN' | 'en', limit = 8): string[] {
  const terms: string[] = []
  const longest = Math.max(0, ...tree.map((node) => node.children.length))
  for (let index = 0; index < longest && terms.length < limit; index += 1) {
    for (const node of tree) {
      const child = node.children[index]
      if (child === undefined) continue
      const name = categoryName(child, locale)
      if (!terms.includes(name)) terms.push(name)
      if (terms.length === limit) break
    }
  }
  return terms
}
