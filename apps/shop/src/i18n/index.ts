export { getLocale, onLocaleChange, setLocale, translate, type Locale } from './locale'
export type { MessageKey } from './messages'
export { useI18n } from './use-i18n'
export { applyChromeTexts } from './chrome'
