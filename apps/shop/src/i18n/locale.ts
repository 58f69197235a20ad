import Taro from '@tarojs/taro'
import { en, zhCN, type MessageKey, type Messages } from './messages'

export type Locale = 'zh-CN' | 'en'

const STORAGE_KEY = 'linkmall.locale'
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

type Listener = (locale: Locale) => void
const listeners = new Set<Listener>()

// Cached so that every render does not hit synchronous storage.
let current: Locale | undefined

export function getLocale(): Locale {
  if (current === undefined) {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
    current = stored === 'en' ? 'en' : 'zh-CN'
  }
  return current
}

export function setLocale(locale: Locale): void {
  current = locale
  Taro.setStorageSync(STORAGE_KEY, locale)
  listeners.forEach((listener) => listener(locale))
}

export function onLocaleChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Looks a text up; `{name}` placeholders are filled from `values`. */
export function translate(key: MessageKey, locale: Locale = getLocale(), values?: Record<string, string | number>): string {
  const text = dictionaries[locale][key]
  if (values === undefined) return text
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match))
}
