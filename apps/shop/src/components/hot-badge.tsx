import { Text } from '@tarojs/components'
import { useI18n } from '../i18n'
import './hot-badge.css'

/** 爆品专享 in a list's product title: listed for everyone, sold only to members whose level grants it. */
export function HotBadge({ hot }: { hot: boolean | undefined }) {
  const { t } = useI18n()
  return hot === true ? <Text className="hot-badge">{t('growth.hotBadge')}</Text> : null
}
