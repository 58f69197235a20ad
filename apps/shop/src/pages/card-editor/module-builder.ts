import type { CardModule, CardModuleKind } from '../../card-api'

/** What the editor's error texts are keyed by (editor.error.*). */
export type ModuleBuildError = 'empty' | 'productIds' | 'couponIds' | 'urls' | 'company' | 'reviews' | 'tooMany'

export type ModuleBuild = { ok: true; module: CardModule } | { ok: false; error: ModuleBuildError }

export const MAX_MODULES = 20
const PRODUCT_ID = /^prd_[0-9a-z]{26}$/
const COUPON_TEMPLATE_ID = /^cpt_[0-9a-z]{26}$/
const HTTP_URL = /^https?:\/\/[^\s]+$/i

const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')

/** A module id unique within the card: the kind, then a counter when the kind is already there. */
export function nextModuleId(kind: CardModuleKind, existing: readonly CardModule[]): string {
  const taken = new Set(existing.map((module) => module.id))
  const base = kind.replace('_', '-')
  if (!taken.has(base)) return base
  for (let counter = 2; ; counter++) if (!taken.has(`${base}-${counter}`)) return `${base}-${counter}`
}

/** A module without its id and title, kind by kind. */
type ModuleContent = CardModule extends infer Module ? (Module extends CardModule ? Omit<Module, 'id' | 'title'> : never) : never

function content(kind: CardModuleKind, lines: string[]): ModuleContent | ModuleBuildError {
  if (kind === 'contact_form') return { kind, fields: ['name', 'phone', 'message'] }
  if (lines.length === 0) return 'empty'
  switch (kind) {
    case 'products':
      return lines.every((line) => PRODUCT_ID.test(line)) ? { kind, productIds: [...new Set(lines)].slice(0, 20) } : 'productIds'
    case 'coupons':
      return lines.every((line) => COUPON_TEMPLATE_ID.test(line)) ? { kind, couponTemplateIds: [...new Set(lines)].slice(0, 10) } : 'couponIds'
    case 'videos':
      return lines.every((line) => HTTP_URL.test(line)) ? { kind, items: lines.slice(0, 10).map((url) => ({ url })) } : 'urls'
    case 'album':
      return lines.every((line) => HTTP_URL.test(line)) ? { kind, photos: lines.slice(0, 30).map((url) => ({ url })) } : 'urls'
    case 'live':
      return lines.length === 1 && HTTP_URL.test(lines[0]!) ? { kind, url: lines[0]! } : 'urls'
    case 'news':
      return { kind, posts: lines.slice(0, 20).map((headline) => ({ headline: headline.slice(0, 80) })) }
    case 'company':
      return lines.length >= 2 ? { kind, name: lines[0]!.slice(0, 80), description: lines.slice(1).join('\n').slice(0, 2000) } : 'company'
    case 'reviews': {
      const items = lines.map((line) => /^([^:：]{1,30})[:：]\s*(.{1,300})$/.exec(line))
      if (items.some((match) => match === null)) return 'reviews'
      return { kind, items: items.slice(0, 20).map((match) => ({ author: match![1]!.trim(), rating: 5, content: match![2]!.trim() })) }
    }
  }
}

/**
 * Turns what the owner typed into a module the server accepts: one text box whose meaning depends
 * on the kind (ids or URLs one per line, a company's name then its description, "author: text").
 */
export function buildModule(kind: CardModuleKind, title: string, text: string, existing: readonly CardModule[]): ModuleBuild {
  if (existing.length >= MAX_MODULES) return { ok: false, error: 'tooMany' }
  const built = content(kind, linesOf(text))
  if (typeof built === 'string') return { ok: false, error: built }
  const trimmedTitle = title.trim().slice(0, 30)
  return { ok: true, module: { ...built, id: nextModuleId(kind, existing), ...(trimmedTitle !== '' ? { title: trimmedTitle } : {}) } as CardModule }
}

/** Moves the module at `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveModule(modules: readonly CardModule[], index: number, step: -1 | 1): CardModule[] {
  const target = index + step
  if (index < 0 || index >= modules.length || target < 0 || target >= modules.length) return [...modules]
  const moved = [...modules]
  ;[moved[index], moved[target]] = [moved[target]!, moved[index]!]
  return moved
}
