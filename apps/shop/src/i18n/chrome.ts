import Taro from '@tarojs/taro'
import { translate, type Locale } from './locale'
import type { MessageKey } from './messages'

// Same order as tabBar.list in app.config.ts.
const TAB_KEYS: readonly MessageKey[] = ['tab.home', 'tab.category', 'tab.cart', 'tab.me']

/**
 * The tab bar and navigation bar are native chrome configured statically in app.config.ts,
 * so their texts are switched through the Taro APIs instead of React.
 */
export function applyChromeTexts(locale: Locale, titleKey: MessageKey): void {
  void Taro.setNavigationBarTitle({ title: translate(titleKey, locale) }).catch(() => undefined)
  TAB_KEYS.forEach((key, index) => {
    // Fails on pages without a tab bar (login); that is expected.
    void Taro.setTabBarItem({ index, text: translate(key, locale) }).catch(() => undefined)
  })
}
