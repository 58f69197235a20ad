import { useCallback, useEffect, useState } from 'react'
import { getLocale, onLocaleChange, translate, type Locale } from './locale'
import type { MessageKey } from './messages'

/** Re-renders the calling page whenever the language is switched anywhere in the app. */
export function useI18n(): { locale: Locale; t: (key: MessageKey, values?: Record<string, string | number>) => string } {
  const [locale, setLocaleState] = useState<Locale>(getLocale)
  useEffect(() => onLocaleChange(setLocaleState), [])
  const t = useCallback(
    (key: MessageKey, values?: Record<string, string | number>) => translate(key, locale, values),
    [locale],
  )
  return { locale, t }
}
