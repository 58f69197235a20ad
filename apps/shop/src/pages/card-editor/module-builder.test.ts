import { describe, expect, it } from 'vitest'
import type { CardModule } from '../../card-api'
import { buildModule, MAX_MODULES, moveModule, nextModuleId } from './module-builder'

const PRODUCT = 'prd_0123456789abcdefghijklmnop'
const news: CardModule = { kind: 'news', id: 'news', posts: [{ headline: '开业' }] }

describe('card editor module builder', () => {
  it('builds products from ids one per line, dropping repeats and blank lines', () => {
    const built = buildModule('products', ' 主推 ', `${PRODUCT}\n\n${PRODUCT}\n`, [])
    expect(built).toEqual({ ok: true, module: { kind: 'products', id: 'products', title: '主推', productIds: [PRODUCT] } })
  })

  it('refuses malformed ids, non-http links and empty content', () => {
    expect(buildModule('products', '', 'prd_short', [])).toEqual({ ok: false, error: 'productIds' })
    expect(buildModule('coupons', '', PRODUCT, [])).toEqual({ ok: false, error: 'couponIds' })
    expect(buildModule('videos', '', 'ftp://example.com/a.mp4', [])).toEqual({ ok: false, error: 'urls' })
    expect(buildModule('live', '', 'https://a.example\nhttps://b.example', [])).toEqual({ ok: false, error: 'urls' })
    expect(buildModule('news', '', '  \n ', [])).toEqual({ ok: false, error: 'empty' })
  })

  it('reads a company as name then description, and reviews as "author: text" in either colon', () => {
    expect(buildModule('company', '', '悦享生活\n上海本地买手店\n两家门店', [])).toEqual({
      ok: true,
      module: { kind: 'company', id: 'company', name: '悦享生活', description: '上海本地买手店\n两家门店' },
    })
    expect(buildModule('company', '', '只有名字', [])).toEqual({ ok: false, error: 'company' })
    const reviews = buildModule('reviews', '', '林女士：很耐心\nTom: great service', [])
    expect(reviews.ok && reviews.module.kind === 'reviews' ? reviews.module.items : null).toEqual([
      { author: '林女士', rating: 5, content: '很耐心' },
      { author: 'Tom', rating: 5, content: 'great service' },
    ])
    expect(buildModule('reviews', '', 'no colon here', [])).toEqual({ ok: false, error: 'reviews' })
  })

  it('gives a contact form fixed fields and keeps module ids unique', () => {
    expect(buildModule('contact_form', '', '', [])).toEqual({ ok: true, module: { kind: 'contact_form', id: 'contact-form', fields: ['name', 'phone', 'message'] } })
    expect(nextModuleId('news', [news])).toBe('news-2')
    expect(nextModuleId('news', [news, { ...news, id: 'news-2' }])).toBe('news-3')
  })

  it('stops at the server’s limit of 20 modules', () => {
    const full = Array.from({ length: MAX_MODULES }, (_, index) => ({ ...news, id: `n${index}` }))
    expect(buildModule('news', '', '再一条', full)).toEqual({ ok: false, error: 'tooMany' })
  })

  it('moves a module one place and ignores moves past either end', () => {
    const modules: CardModule[] = [news, { ...news, id: 'b' }, { ...news, id: 'c' }]
    expect(moveModule(modules, 2, -1).map((module) => module.id)).toEqual(['news', 'c', 'b'])
    expect(moveModule(modules, 0, -1).map((module) => module.id)).toEqual(['news', 'b', 'c'])
    expect(moveModule(modules, 2, 1).map((module) => module.id)).toEqual(['news', 'b', 'c'])
  })
})
