import Taro from '@tarojs/taro'
import { request } from './api'

export const CARD_THEMES = ['classic', 'business_blue', 'ink', 'rose', 'forest', 'night'] as const
export type CardTheme = (typeof CARD_THEMES)[number]

export const CARD_MODULE_KINDS = ['products', 'coupons', 'videos', 'album', 'news', 'company', 'reviews', 'live', 'contact_form'] as const
export type CardModuleKind = (typeof CARD_MODULE_KINDS)[number]

interface ModuleBase {
  id: string
  title?: string
}

/** A card module as the server stores it (a discriminated union on `kind`). */
export type CardModule =
  | (ModuleBase & { kind: 'products'; productIds: string[] })
  | (ModuleBase & { kind: 'coupons'; couponTemplateIds: string[] })
  | (ModuleBase & { kind: 'videos'; items: { url: string; coverUrl?: string; caption?: string }[] })
  | (ModuleBase & { kind: 'album'; photos: { url: string; caption?: string }[] })
  | (ModuleBase & { kind: 'news'; posts: { headline: string; summary?: string; url?: string; publishedOn?: string }[] })
  | (ModuleBase & { kind: 'company'; name: string; description: string; logoUrl?: string; website?: string })
  | (ModuleBase & { kind: 'reviews'; items: { author: string; rating: number; content: string }[] })
  | (ModuleBase & { kind: 'live'; url: string; startsAt?: string })
  | (ModuleBase & { kind: 'contact_form'; prompt?: string; fields: ('name' | 'phone' | 'company' | 'message')[] })

interface CardFields {
  id: string
  name: string
  title: string
  company: string
  photoUrl: string | null
  phoneMasked: string | null
  email: string | null
  website: string | null
  wechatId: string | null
  address: string | null
  latitude: number | null
  longitude: number | null
  intro: string
  theme: CardTheme
  modules: CardModule[]
  featuredProductIds: string[]
  updatedAt: string
}

export interface PublicCard extends CardFields {
  featuredProducts: { productId: string; title: string; imageUrl: string | null; priceFen: number }[]
}

export type LockableField = 'company' | 'title' | 'intro' | 'address' | 'theme'

export interface OwnerCard extends CardFields {
  ownerUserId: string
  organizationId: string
  phone: string | null
  templateId: string | null
  lockedFields: LockableField[]
  lockedModuleIds: string[]
  status: 'active' | 'hidden'
  createdAt: string
}

/** What the owner saves (PUT /shop/cards/me). */
export interface CardContent {
  name: string
  title: string
  company: string
  photoUrl: string | null
  phone: string | null
  email: string | null
  website: string | null
  wechatId: string | null
  address: string | null
  latitude: number | null
  longitude: number | null
  intro: string
  theme: CardTheme
  modules: CardModule[]
}

export interface CardShare {
  shareId: string
  token: string
  url: string
}

export interface CardDraft {
  id: string
  source: 'ocr' | 'manual'
  fields: { name?: string; title?: string; company?: string; email?: string; address?: string; website?: string; phone: string | null }
  createdAt: string
}

const cardPath = (cardId: string) => `/public/cards/${encodeURIComponent(cardId)}`

function query(values: Record<string, string | null | undefined>): string {
  const parts = Object.entries(values).flatMap(([key, value]) => (value ? [`${key}=${encodeURIComponent(value)}`] : []))
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

/** The public card page's calls (no login) and the owner's card, shares and drafts. */
export const cardApi = {
  /** Quiet: the card page explains a missing or hidden card in place. */
  publicCard: (cardId: string) => request<PublicCard>('GET', cardPath(cardId), { quiet: true }),
  forward: (cardId: string, visitorId: string, parentShareToken: string | null) =>
    request<CardShare>('POST', `${cardPath(cardId)}/forwards`, { body: { visitorId, parentShareToken } }),
  revealPhone: (cardId: string, visitorId: string, shareToken: string | null) =>
    request<{ phone: string }>('POST', `${cardPath(cardId)}/phone`, { body: { visitorId, shareToken } }),
  /** A visitor who is signed in binds the card's owner as referrer; quiet because it is a background extra. */
  bind: (cardId: string, shareToken: string | null) =>
    request<{ referrerId: string; duplicate: boolean }>('POST', `/shop/cards/${encodeURIComponent(cardId)}/bind`, { body: { shareToken }, quiet: true }),
  mine: () => request<OwnerCard>('GET', '/shop/cards/me'),
  /** Quiet: the editor shows a locked-field or validation error next to the form. */
  save: (content: CardContent) => request<OwnerCard>('PUT', '/shop/cards/me', { body: content, quiet: true }),
  drafts: () => request<{ items: CardDraft[] }>('GET', '/shop/cards/me/drafts', { quiet: true }),
  applyDraft: (draftId: string) => request<OwnerCard>('POST', `/shop/cards/me/drafts/${encodeURIComponent(draftId)}/apply`),
  share: (cardId: string) => request<CardShare>('POST', `/shop/cards/${encodeURIComponent(cardId)}/shares`),
}

/** Absolute or same-origin URLs of the files the server renders (a vCard download, a poster PNG). */
export const cardFiles = {
  vcardUrl: (cardId: string, visitorId: string | null, share: string | null) => `${API_BASE}${cardPath(cardId)}/vcard${query({ visitorId, share })}`,
  posterUrl: (cardId: string, share: string | null, product?: string) => `${API_BASE}${cardPath(cardId)}/poster${query({ share, product })}`,
}

/** The shop's own page that shows a card (what a share link opens on h5). */
export const cardPageUrl = (cardId: string, share: string | null) => `/pages/card/index${query({ id: cardId, share })}`

// ---- the visitor: a random id kept on the device, and the consent they gave ----

const VISITOR_KEY = 'linkmall.card.visitorId'
const CONSENT_KEY = 'linkmall.card.consent'
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomText(length: number): string {
  const bytes = new Uint8Array(length)
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes)
  else for (let index = 0; index < length; index++) bytes[index] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('')
}

/** The visitor's opaque id (v_ + 20 random characters), created on the first card visit and kept. */
export function visitorId(): string {
  const stored: unknown = Taro.getStorageSync(VISITOR_KEY)
  if (typeof stored === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored
  const created = `v_${randomText(20)}`
  Taro.setStorageSync(VISITOR_KEY, created)
  return created
}

export type Consent = 'granted' | 'denied' | 'unset'

export function storedConsent(): Consent {
  const stored: unknown = Taro.getStorageSync(CONSENT_KEY)
  return stored === 'granted' || stored === 'denied' ? stored : 'unset'
}

/** Remembers the visitor's choice and tells the radar (PIPL: personal tracking only after consent). */
export async function decideConsent(cardId: string, granted: boolean): Promise<void> {
  Taro.setStorageSync(CONSENT_KEY, granted ? 'granted' : 'denied')
  await request('POST', '/t/consent', { body: { visitorId: visitorId(), cardId, granted }, quiet: true }).catch(() => undefined)
}

export type CardEventKind = 'view' | 'dwell' | 'module_view' | 'product_click' | 'coupon_claim' | 'share' | 'forward' | 'contact_form' | 'call'

export interface CardEventData {
  cardId: string
  shareToken: string | null
  seconds?: number
  module?: string
  productId?: string
  contact?: { name: string; phone: string; message: string }
}

/**
 * The card page's tracking hook: every event the page sees goes through here to the radar's
 * tracking endpoint. The radar keeps it per person only when the visitor consented; otherwise it
 * keeps de-identified counts. Failures are ignored: tracking never gets in the visitor's way.
 */
export function onCardEvent(kind: CardEventKind, data: CardEventData): Promise<void> {
  const { cardId, shareToken, ...fields } = data
  const event = { kind, at: new Date().toISOString(), ...fields }
  return request('POST', '/t/events', { body: { visitorId: visitorId(), cardId, shareToken, events: [event] }, quiet: true }).then(
    () => undefined,
    () => undefined,
  )
}

/** The roles holding card.own (shop guides, salespeople, merchant admins); /shop/me lists roles, not permissions. */
const CARD_OWNER_ROLES = new Set(['sales', 'merchant_admin', 'shop_guide'])
export const canOwnCard = (roles: readonly string[]) => roles.some((role) => CARD_OWNER_ROLES.has(role))
