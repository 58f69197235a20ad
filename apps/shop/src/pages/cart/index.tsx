import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { clampQuantity, lineTotalFenOf, linesTotalFen, loadCart, saveCart, saveCheckoutDraft, type CartLine } from '../../cart'
import { QuantityStepper } from '../../components/quantity-stepper'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import { shopOfLines } from '../../storefront-items'
import './index.css'

export default function CartPage() {
  const { locale, t } = useI18n()
  const [lines, setLines] = useState<CartLine[]>(loadCart)

  useDidShow(() => {
    applyChromeTexts(locale, 'cart.title')
    // Other pages add to the cart while this tab is hidden.
    setLines(loadCart())
  })

  function update(next: CartLine[]): void {
    saveCart(next)
    setLines(next)
  }

  function changeQuantity(skuId: string, quantity: number): void {
    update(lines.map((line) => (line.skuId === skuId ? { ...line, quantity: clampQuantity(quantity, line.stock) } : line)))
  }

  function toggle(skuId: string): void {
    update(lines.map((line) => (line.skuId === skuId ? { ...line, selected: !line.selected } : line)))
  }

  const allSelected = lines.length > 0 && lines.every((line) => line.selected)
  function toggleAll(): void {
    update(lines.map((line) => ({ ...line, selected: !allSelected })))
  }

  async function remove(skuId: string): Promise<void> {
    const { confirm } = await Taro.showModal({
      content: t('cart.removeConfirm'),
      confirmText: t('common.confirm'),
      cancelText: t('common.cancel'),
    })
    if (confirm) update(lines.filter((line) => line.skuId !== skuId))
  }

  const selected = lines.filter((line) => line.selected)
  const totalFen = linesTotalFen(selected)
  const selectedCount = selected.reduce((count, line) => count + line.quantity, 0)

  function checkout(): void {
    if (selected.length === 0) {
      void Taro.showToast({ title: t('cart.noneSelected'), icon: 'none' })
      return
    }
    const shop = shopOfLines(selected)
    if (shop === 'mixed') {
      void Taro.showToast({ title: t('cart.mixedShops'), icon: 'none', duration: 2500 })
      return
    }
    saveCheckoutDraft({ source: 'cart', lines: selected, ...shop })
    void Taro.navigateTo({ url: '/pages/checkout/index' })
  }

  if (lines.length === 0) {
    return (
      <View className="page-root cart-page cart-page--empty">
        <Text className="state-text" id="cart-empty">
          {t('cart.empty')}
        </Text>
        <View className="pill pill--ghost cart-empty__go" id="cart-go-shopping" onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
          {t('cart.goShopping')}
        </View>
      </View>
    )
  }

  return (
    <View className="page-root cart-page">
      <View className="cart-list" id="cart-list">
        {lines.map((line) => (
          <View key={line.skuId} className="card cart-line" data-sku-id={line.skuId}>
            <View className={`check${line.selected ? ' check--on' : ''} cart-line__check`} onClick={() => toggle(line.skuId)}>
              {line.selected ? '✓' : ''}
            </View>
            <View
              className="cart-line__body"
              onClick={() =>
                void Taro.navigateTo({
                  url:
                    `/pages/product/index?id=${encodeURIComponent(line.productId)}` +
                    (line.merchantId === undefined ? '' : `&merchantId=${encodeURIComponent(line.merchantId)}`),
                })
              }
            >
              {line.merchantId !== undefined && (
                <Text className="cart-line__shop">{line.merchantName ?? t('storefront.unnamed')}</Text>
              )}
              <Text className="cart-line__title">{line.title}</Text>
              <Text className="muted cart-line__specs">{line.specsText}</Text>
              <View className="row cart-line__bottom">
                <Text className="price cart-line__price">{formatFen(line.priceFen)}</Text>
                <QuantityStepper
                  value={line.quantity}
                  max={clampQuantity(line.stock ?? 999, line.stock)}
                  onChange={(quantity) => changeQuantity(line.skuId, quantity)}
                />
              </View>
              <View className="row">
                <Text className="muted">{formatFen(lineTotalFenOf(line))}</Text>
                <Text
                  className="cart-line__remove"
                  onClick={(event) => {
                    event.stopPropagation()
                    void remove(line.skuId)
                  }}
                >
                  {t('cart.remove')}
                </Text>
              </View>
            </View>
          </View>
        ))}
      </View>

      <View className="cart-bar">
        <View className="cart-bar__all" id="cart-select-all" onClick={toggleAll}>
          <View className={`check${allSelected ? ' check--on' : ''}`}>{allSelected ? '✓' : ''}</View>
          <Text className="cart-bar__all-label">{t('cart.selectAll')}</Text>
        </View>
        <View className="cart-bar__total">
          <Text>{t('cart.total')}: </Text>
          <Text className="price cart-bar__amount" id="cart-total">
            {formatFen(totalFen)}
          </Text>
        </View>
        <View id="cart-checkout" className={`pill${selected.length === 0 ? ' pill--disabled' : ''}`} onClick={checkout}>
          {t('cart.checkout')}
          {selectedCount > 0 ? ` (${selectedCount})` : ''}
        </View>
      </View>
    </View>
  )
}
