import type { Localized } from '@linkmall/kernel';
import type { TrackingKind } from './tracking-batch.ts';

/** What the owner reads about one event, in both languages; anonymous visitors stay "a visitor". */
export function activityText(kind: TrackingKind, who: Localized | null, productTitle: string | null): Localized {
  const zhWho = who?.['zh-CN'] ?? '一位访客';
  const enWho = who?.en ?? 'A visitor';
  const zhProduct = productTitle ? `「${productTitle}」` : '一件商品';
  const enProduct = productTitle ? `“${productTitle}”` : 'a product';
  switch (kind) {
    case 'view':
      return { 'zh-CN': `${zhWho}正在查看你的名片`, en: `${enWho} viewed your card` };
    case 'product_click':
      return { 'zh-CN': `${zhWho}点击了商品${zhProduct}`, en: `${enWho} clicked ${enProduct}` };
    case 'add_to_cart':
      return { 'zh-CN': `${zhWho}把商品${zhProduct}加入了购物车`, en: `${enWho} added ${enProduct} to the cart` };
    case 'order':
      return { 'zh-CN': `${zhWho}通过你的名片下了单`, en: `${enWho} placed an order through your card` };
    case 'coupon_claim':
      return { 'zh-CN': `${zhWho}领取了名片上的优惠券`, en: `${enWho} claimed a coupon on your card` };
    case 'share':
      return { 'zh-CN': `${zhWho}分享了你的名片`, en: `${enWho} shared your card` };
    case 'forward':
      return { 'zh-CN': `${zhWho}转发了你的名片`, en: `${enWho} forwarded your card` };
    case 'contact_form':
      return { 'zh-CN': `${zhWho}给你留言了`, en: `${enWho} left you a message` };
    case 'call':
      return { 'zh-CN': `${zhWho}拨打了你的电话`, en: `${enWho} called you` };
    case 'dwell':
      return { 'zh-CN': `${zhWho}仍在浏览你的名片`, en: `${enWho} is still reading your card` };
    case 'module_view':
      return { 'zh-CN': `${zhWho}浏览了名片模块`, en: `${enWho} opened a section of your card` };
  }
}

/** A plain string given by another module counts for both languages. */
export function localized(text: string | Localized): Localized {
  return typeof text === 'string' ? { 'zh-CN': text, en: text } : text;
}

/** How a consented visitor is named: their name when known, else 访客 + the last four characters of their id. */
export function visitorLabel(displayName: string | null, visitorId: string): Localized {
  if (displayName) return { 'zh-CN': displayName, en: displayName };
  const tail = visitorId.slice(-4);
  return { 'zh-CN': `访客${tail}`, en: `Visitor ${tail}` };
}
