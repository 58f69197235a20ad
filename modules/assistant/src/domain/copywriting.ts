import type { Locale } from '@linkmall/kernel';
import { yuan } from './evidence.ts';

/** What an owner's message may mention: all of it comes from the lead, the catalog and the promotions. */
export interface CopyFacts {
  readonly kind: 'follow_up' | 'invitation';
  readonly visitorName: string | null;
  readonly ownerName: string;
  readonly company: string | null;
  /** What the visitor looked at most, first; for an invitation without a lead, the product to invite to. */
  readonly products: readonly { readonly productId: string; readonly title: string; readonly priceFen: bigint | null }[];
  readonly coupon: { readonly name: string; readonly summary: string } | null;
  /** Picks the wording variant, so the same lead gets the same draft and different leads differ. */
  readonly seed: string;
}

/** A small stable hash (FNV-1a) for choosing a variant; not for security. */
export function variantIndex(seed: string, variants: number): number {
  let hash = 0x811c9dc5;
  for (const character of seed) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % variants;
}

type Slots = { name: string; owner: string; company: string; products: string; top: string; price: string; coupon: string };

const ZH = {
  greeting: (name: string | null) => (name ? `${name}您好` : '您好'),
  list: (titles: string[]) => titles.map((title) => `「${title}」`).join('、'),
  price: (title: string, priceFen: bigint | null) => (priceFen === null ? '' : `「${title}」目前${yuan(priceFen)}起，`),
  coupon: (coupon: CopyFacts['coupon']) => (coupon ? `现在还有一张「${coupon.name}」（${coupon.summary}）可以领取，` : ''),
  company: (company: string | null) => (company ? `${company}的` : ''),
  followUp: [
    (s: Slots) => `${s.name}，我是${s.company}${s.owner}。看到您最近关注了${s.products}，不知道还有什么想了解的吗？${s.price}${s.coupon}有任何问题随时找我。`,
    (s: Slots) => `${s.name}！我是${s.owner}。您之前看过的${s.top}很多朋友都在问，${s.price}${s.coupon}需要的话我帮您详细介绍一下规格和发货安排。`,
    (s: Slots) => `${s.name}，打扰一下，我是${s.company}${s.owner}。您浏览过${s.products}，如果在挑选上有拿不准的地方，可以跟我说说您的需求。${s.coupon}`,
  ],
  followUpNothing: (s: Slots) => `${s.name}，我是${s.company}${s.owner}，感谢您查看我的名片。想了解哪类商品都可以直接问我，${s.coupon}我会尽快回复您。`,
  invitation: [
    (s: Slots) => `${s.name}，诚邀您来看看${s.products}。${s.price}${s.coupon}点开我的名片就能直接选购，有问题随时问我${s.owner}。`,
    (s: Slots) => `${s.name}！${s.company}新到${s.top}，${s.price}${s.coupon}欢迎您来看看，我是${s.owner}，随时为您服务。`,
  ],
  invitationNothing: (s: Slots) => `${s.name}，我是${s.company}${s.owner}，诚邀您逛逛我的小店，${s.coupon}有需要随时联系我。`,
};

const EN = {
  greeting: (name: string | null) => (name ? `Hi ${name}` : 'Hello'),
  list: (titles: string[]) => titles.map((title) => `"${title}"`).join(', '),
  price: (title: string, priceFen: bigint | null) => (priceFen === null ? '' : `"${title}" is currently from ${yuan(priceFen)}. `),
  coupon: (coupon: CopyFacts['coupon']) => (coupon ? `There is also a "${coupon.name}" coupon (${coupon.summary}) you can claim. ` : ''),
  company: (company: string | null) => (company ? ` from ${company}` : ''),
  followUp: [
    (s: Slots) => `${s.name}, this is ${s.owner}${s.company}. I saw you were looking at ${s.products}. Is there anything else you would like to know? ${s.price}${s.coupon}Just message me any time.`,
    (s: Slots) => `${s.name}! ${s.owner} here. Many people ask about ${s.top}, which you looked at. ${s.price}${s.coupon}Happy to walk you through the options and delivery.`,
  ],
  followUpNothing: (s: Slots) => `${s.name}, this is ${s.owner}${s.company}. Thank you for viewing my card. Ask me about anything you are looking for. ${s.coupon}`,
  invitation: [
    (s: Slots) => `${s.name}, you are warmly invited to take a look at ${s.products}. ${s.price}${s.coupon}You can order straight from my card; ask me, ${s.owner}, anything.`,
    (s: Slots) => `${s.name}! ${s.top} just arrived. ${s.price}${s.coupon}Come and have a look. ${s.owner}${s.company}.`,
  ],
  invitationNothing: (s: Slots) => `${s.name}, this is ${s.owner}${s.company}. You are warmly invited to visit my shop. ${s.coupon}`,
};

/**
 * The offline draft of a follow-up message or an invitation: a template filled with the visitor's
 * name, up to three products they looked at (prices only from the catalog), and a coupon when there
 * is one. Nothing in the templates promises income.
 */
export function composeCopy(facts: CopyFacts, locale: Locale): string {
  const words = locale === 'zh-CN' ? ZH : EN;
  const products = facts.products.slice(0, 3);
  const top = products[0];
  const slots: Slots = {
    name: words.greeting(facts.visitorName),
    owner: facts.ownerName,
    company: words.company(facts.company),
    products: words.list(products.map((product) => product.title)),
    top: top ? words.list([top.title]) : '',
    price: top ? words.price(top.title, top.priceFen) : '',
    coupon: words.coupon(facts.coupon),
  };
  const variants = facts.kind === 'follow_up' ? words.followUp : words.invitation;
  const fallback = facts.kind === 'follow_up' ? words.followUpNothing : words.invitationNothing;
  const text = top ? variants[variantIndex(facts.seed, variants.length)]!(slots) : fallback(slots);
  return text.replace(/\s{2,}/g, ' ').replace(/，。/g, '。').trim();
}
