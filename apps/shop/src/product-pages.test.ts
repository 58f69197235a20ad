import { describe, expect, it } from 'vitest'
import { appendPage } from './product-pages'

const items = (...ids: string[]) => ids.map((id) => ({ id }))

describe('appendPage', () => {
  it('starts a list from page 1 and knows whether more pages follow', () => {
    const first = appendPage(undefined, { items: items('a', 'b'), total: 3, page: 1, pageSize: 2 })
    expect(first).toEqual({ items: items('a', 'b'), total: 3, page: 1, hasMore: true })
    const second = appendPage(first, { items: items('c'), total: 3, page: 2, pageSize: 2 })
    expect(second).toEqual({ items: items('a', 'b', 'c'), total: 3, page: 2, hasMore: false })
  })

  it('skips products already shown when the pages shifted between requests', () => {
    const first = appendPage(undefined, { items: items('a', 'b'), total: 5, page: 1, pageSize: 2 })
    expect(appendPage(first, { items: items('b', 'c'), total: 5, page: 2, pageSize: 2 }).items).toEqual(items('a', 'b', 'c'))
  })

  it('stops at an empty page even when the total promised more', () => {
    const first = appendPage(undefined, { items: items('a', 'b'), total: 4, page: 1, pageSize: 2 })
    expect(appendPage(first, { items: [], total: 4, page: 2, pageSize: 2 }).hasMore).toBe(false)
  })

  it('replaces the list when page 1 arrives again', () => {
    const first = appendPage(undefined, { items: items('a', 'b'), total: 4, page: 1, pageSize: 2 })
    expect(appendPage(first, { items: items('x'), total: 1, page: 1, pageSize: 2 }).items).toEqual(items('x'))
  })
})
