import { useState } from 'react'
import { Image, Input, Text, Textarea, Video, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { shopApi } from '../../api'
import { onCardEvent, type CardModule, type PublicCard } from '../../card-api'
import { useI18n, type MessageKey } from '../../i18n'
import { formatFen } from '../../money'
import { getToken } from '../../session'
import { ProductThumb } from '../../components/product-thumb'
import type { ThemeColors } from './card-theme'

interface ModuleProps {
  card: PublicCard
  shareToken: string | null
  colors: ThemeColors
}

/** Opens an outside link: a new tab on h5, the link copied in the mini program (it cannot open web pages). */
function openLink(url: string, copiedText: string): void {
  if (process.env.TARO_ENV === 'h5') window.open(url, '_blank', 'noopener')
  else void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: copiedText, icon: 'none' }))
}

function ProductsModule({ module, card, shareToken, colors }: ModuleProps & { module: Extract<CardModule, { kind: 'products' }> }) {
  const products = module.productIds.flatMap((id) => card.featuredProducts.filter((product) => product.productId === id))
  function open(productId: string): void {
    void onCardEvent('product_click', { cardId: card.id, shareToken, productId })
    void Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(productId)}` })
  }
  return (
    <View className="card-products">
      {products.map((product) => (
        <View key={product.productId} className="card-product" data-product-id={product.productId} onClick={() => open(product.productId)}>
          <ProductThumb id={product.productId} title={product.title} imageUrl={product.imageUrl ?? undefined} />
          <View className="card-product__info">
            <Text className="card-product__title">{product.title}</Text>
            <Text className="card-product__price" style={{ color: colors.primary }}>
              {formatFen(product.priceFen)}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}

function CouponsModule({ module, card, shareToken, colors }: ModuleProps & { module: Extract<CardModule, { kind: 'coupons' }> }) {
  const { t } = useI18n()
  const [claimed, setClaimed] = useState<ReadonlySet<string>>(new Set())
  async function claim(templateId: string): Promise<void> {
    if (getToken() === undefined) {
      void Taro.showToast({ title: t('card.coupon.loginFirst'), icon: 'none' })
      void Taro.navigateTo({ url: '/pages/login/index' })
      return
    }
    await shopApi.claimCoupon(templateId)
    setClaimed(new Set([...claimed, templateId]))
    void onCardEvent('coupon_claim', { cardId: card.id, shareToken })
    void Taro.showToast({ title: t('card.coupon.claimed'), icon: 'success' })
  }
  return (
    <View className="card-coupons">
      {module.couponTemplateIds.map((templateId, index) => (
        <View key={templateId} className="card-coupon" style={{ backgroundColor: colors.tint }}>
          <Text className="card-coupon__label">
            {t('card.module.coupons')} {index + 1}
          </Text>
          <View className={`card-chip${claimed.has(templateId) ? ' pill--disabled' : ''}`} style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => void (claimed.has(templateId) ? undefined : claim(templateId).catch(() => undefined))}>
            {claimed.has(templateId) ? t('card.coupon.claimed') : t('card.coupon.claim')}
          </View>
        </View>
      ))}
    </View>
  )
}

const PHONE = /^1[3-9]\d{9}$/

function ContactFormModule({ module, card, shareToken, colors }: ModuleProps & { module: Extract<CardModule, { kind: 'contact_form' }> }) {
  const { t } = useI18n()
  const [values, setValues] = useState<Record<string, string>>({})
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<string | undefined>()
  async function submit(): Promise<void> {
    const name = (values.name ?? '').trim()
    const phone = (values.phone ?? '').trim()
    if (name === '' || !PHONE.test(phone)) return setError(t('card.contact.invalid'))
    setError(undefined)
    const message = [values.company ? `${t('card.contact.company')}: ${values.company.trim()}` : '', (values.message ?? '').trim()].filter(Boolean).join('\n')
    await onCardEvent('contact_form', { cardId: card.id, shareToken, contact: { name, phone, message: message.slice(0, 500) } })
    setSent(true)
  }
  if (sent) return <Text className="card-contact__sent" id="card-contact-sent">{t('card.contact.sent')}</Text>
  const fields = module.fields.includes('name') ? module.fields : (['name', ...module.fields] as typeof module.fields)
  const withPhone = fields.includes('phone') ? fields : [...fields, 'phone' as const]
  return (
    <View className="card-contact" id="card-contact-form">
      {module.prompt !== undefined && <Text className="muted card-contact__prompt">{module.prompt}</Text>}
      {withPhone.map((field) =>
        field === 'message' ? (
          <Textarea key={field} className="card-contact__input card-contact__textarea" id={`card-contact-${field}`} placeholder={t('card.contact.message')} maxlength={400} value={values[field] ?? ''} onInput={(event) => setValues({ ...values, [field]: event.detail.value })} />
        ) : (
          <Input key={field} className="card-contact__input" id={`card-contact-${field}`} type={field === 'phone' ? 'number' : 'text'} placeholder={t(`card.contact.${field}` as MessageKey)} maxlength={field === 'phone' ? 11 : 40} value={values[field] ?? ''} onInput={(event) => setValues({ ...values, [field]: event.detail.value })} />
        ),
      )}
      {error !== undefined && <Text className="error-text">{error}</Text>}
      <View className="card-chip card-contact__submit" id="card-contact-submit" style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => void submit()}>
        {t('card.contact.submit')}
      </View>
    </View>
  )
}

function ModuleBody(props: ModuleProps & { module: CardModule }) {
  const { t, locale } = useI18n()
  const { module, colors } = props
  switch (module.kind) {
    case 'products':
      return <ProductsModule {...props} module={module} />
    case 'coupons':
      return <CouponsModule {...props} module={module} />
    case 'contact_form':
      return <ContactFormModule {...props} module={module} />
    case 'videos':
      return (
        <View>
          {module.items.map((item) => (
            <View key={item.url} className="card-video">
              <Video className="card-video__player" src={item.url} poster={item.coverUrl} controls />
              {item.caption !== undefined && <Text className="muted">{item.caption}</Text>}
            </View>
          ))}
        </View>
      )
    case 'album':
      return (
        <View className="card-album">
          {module.photos.map((photo) => (
            <Image key={photo.url} className="card-album__photo" src={photo.url} mode="aspectFill" onClick={() => void Taro.previewImage({ current: photo.url, urls: module.photos.map((each) => each.url) })} />
          ))}
        </View>
      )
    case 'news':
      return (
        <View>
          {module.posts.map((post, index) => (
            <View key={index} className="card-news" onClick={() => (post.url !== undefined ? openLink(post.url, t('card.copied')) : undefined)}>
              <Text className="card-news__headline">{post.headline}</Text>
              {post.summary !== undefined && <Text className="muted card-news__summary">{post.summary}</Text>}
              {post.publishedOn !== undefined && <Text className="muted">{post.publishedOn}</Text>}
            </View>
          ))}
        </View>
      )
    case 'company':
      return (
        <View className="card-company">
          {module.logoUrl !== undefined && <Image className="card-company__logo" src={module.logoUrl} mode="aspectFit" />}
          <Text className="card-company__name">{module.name}</Text>
          <Text className="card-company__description">{module.description}</Text>
        </View>
      )
    case 'reviews':
      return (
        <View>
          {module.items.map((review, index) => (
            <View key={index} className="card-review">
              <Text className="card-review__author">{review.author}</Text>
              <Text className="card-review__stars" style={{ color: colors.primary }}>
                {'★'.repeat(review.rating)}
                {'☆'.repeat(5 - review.rating)}
              </Text>
              <Text className="card-review__content">{review.content}</Text>
            </View>
          ))}
        </View>
      )
    case 'live':
      return (
        <View className="card-live">
          {module.startsAt !== undefined && <Text className="muted">{t('card.live.startsAt', { time: new Date(module.startsAt).toLocaleString(locale) })}</Text>}
          <View className="card-chip" style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => openLink(module.url, t('card.copied'))}>
            {t('card.live.watch')}
          </View>
        </View>
      )
  }
}

/** The owner's modules in the owner's order; each one tells the radar when the visitor opens it. */
export function CardModules(props: ModuleProps) {
  const { t } = useI18n()
  const [seen] = useState(() => new Set<string>())
  function viewed(moduleId: string): void {
    if (seen.has(moduleId)) return
    seen.add(moduleId)
    void onCardEvent('module_view', { cardId: props.card.id, shareToken: props.shareToken, module: moduleId })
  }
  return (
    <View>
      {props.card.modules.map((module) => (
        <View key={module.id} className="card card-module" id={`card-module-${module.id}`} data-kind={module.kind} onTouchStart={() => viewed(module.id)} onClick={() => viewed(module.id)}>
          <Text className="card__title card-module__title" style={{ borderLeftColor: props.colors.primary }}>
            {module.title ?? t(`card.module.${module.kind}` as MessageKey)}
          </Text>
          <ModuleBody {...props} module={module} />
        </View>
      ))}
    </View>
  )
}
