import type { VisitorBehaviour } from './behaviour.ts';

/**
 * Intent score (意向度) 0–100 from a visitor's behaviour. Each signal earns points up to its cap, so
 * no single habit (a page left open, many visits with no depth) can make a lead look hot alone:
 *
 * | signal                         | points                                   | cap |
 * |--------------------------------|------------------------------------------|-----|
 * | visits (repeat visits)         | 4 per visit                              | 20  |
 * | dwell                          | 2 per full minute on the card            | 20  |
 * | product depth                  | 4 per product looked at, +8 if one ≥ 2 min | 20 |
 * | modules opened                 | 1 per distinct module                    | 5   |
 * | shares and forwards            | 5 each                                   | 10  |
 * | coupon claims                  | 5 each                                   | 10  |
 * | contact form / calls           | 10 for the form, 5 per call              | 15  |
 * | add to cart / orders           | 5 per add, 10 per order                  | 10  |
 *
 * The sum is capped at 100.
 */
export interface IntentComponents {
  readonly visits: number;
  readonly dwell: number;
  readonly products: number;
  readonly modules: number;
  readonly sharing: number;
  readonly coupons: number;
  readonly contact: number;
  readonly commerce: number;
}

export interface IntentScore {
  readonly score: number;
  readonly components: IntentComponents;
  readonly explanation: { readonly 'zh-CN': string; readonly en: string };
}

/** Seconds on one product from which it counts as a deep look. */
export const DEEP_LOOK_SECONDS = 120;

/** Module kinds a card page reports, with how the explanation names them. Unknown kinds show as sent. */
export const MODULE_LABELS: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  ingredients: { 'zh-CN': '成分表', en: 'the ingredient list' },
  products: { 'zh-CN': '推荐商品', en: 'the featured products' },
  coupons: { 'zh-CN': '优惠券', en: 'the coupons' },
  videos: { 'zh-CN': '视频', en: 'the videos' },
  album: { 'zh-CN': '相册', en: 'the photo album' },
  news: { 'zh-CN': '动态', en: 'the news' },
  company: { 'zh-CN': '公司介绍', en: 'the company profile' },
  reviews: { 'zh-CN': '评价', en: 'the reviews' },
  live: { 'zh-CN': '直播', en: 'the live stream' },
  contact_form: { 'zh-CN': '留言表单', en: 'the contact form' },
};

const cap = (value: number, max: number) => Math.min(value, max);
const viewed = (behaviour: VisitorBehaviour) => behaviour.products.filter((product) => product.seconds > 0 || product.clicks > 0);

function components(behaviour: VisitorBehaviour): IntentComponents {
  const products = viewed(behaviour);
  const deepLook = products.some((product) => product.seconds >= DEEP_LOOK_SECONDS);
  return {
    visits: cap(4 * behaviour.visits, 20),
    dwell: cap(2 * Math.floor(behaviour.dwellSeconds / 60), 20),
    products: cap(4 * products.length + (deepLook ? 8 : 0), 20),
    modules: cap(new Set(behaviour.modulesViewed).size, 5),
    sharing: cap(5 * (behaviour.shares + behaviour.forwards), 10),
    coupons: cap(5 * behaviour.couponsClaimed, 10),
    contact: cap((behaviour.contactSubmitted ? 10 : 0) + 5 * behaviour.calls, 15),
    commerce: cap(5 * behaviour.addToCart + 10 * behaviour.orders, 10),
  };
}

type Phrase = readonly [zh: string, en: string];
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function durationPhrase(seconds: number): Phrase {
  if (seconds >= 60) {
    const minutes = Math.round(seconds / 60);
    return [`${minutes} 分钟`, `${minutes} min`];
  }
  return [`${seconds} 秒`, `${seconds} s`];
}

/** The evidence behind the score, strongest first, as short phrases in both languages. */
function evidence(behaviour: VisitorBehaviour, productTitles: ReadonlyMap<string, string>): Phrase[] {
  const phrases: Phrase[] = [];
  if (behaviour.visits > 0) phrases.push([`${behaviour.visits} 次访问`, plural(behaviour.visits, 'visit', 'visits')]);
  const products = viewed(behaviour).sort((a, b) => b.seconds - a.seconds || b.clicks - a.clicks || a.productId.localeCompare(b.productId));
  const top = products[0];
  if (top && top.seconds > 0) {
    const title = productTitles.get(top.productId) ?? top.productId;
    const [zh, en] = durationPhrase(top.seconds);
    phrases.push([`在 ${title} 停留 ${zh}`, `${en} on ${title}`]);
  }
  if (products.length > 1) phrases.push([`看了 ${products.length} 款商品`, `viewed ${products.length} products`]);
  for (const module of new Set(behaviour.modulesViewed)) {
    const label = MODULE_LABELS[module];
    phrases.push(label ? [`打开了${label['zh-CN']}`, `opened ${label.en}`] : [`打开了 ${module}`, `opened ${module}`]);
  }
  const shared = behaviour.shares + behaviour.forwards;
  if (shared > 0) phrases.push([`分享或转发 ${shared} 次`, `shared or forwarded ${plural(shared, 'time', 'times')}`]);
  if (behaviour.couponsClaimed > 0) phrases.push([`领取了 ${behaviour.couponsClaimed} 张优惠券`, `claimed ${plural(behaviour.couponsClaimed, 'coupon', 'coupons')}`]);
  if (behaviour.contactSubmitted) phrases.push(['提交了留言', 'sent the contact form']);
  if (behaviour.calls > 0) phrases.push([`拨打电话 ${behaviour.calls} 次`, `called ${plural(behaviour.calls, 'time', 'times')}`]);
  if (behaviour.addToCart > 0) phrases.push([`加购 ${behaviour.addToCart} 次`, `added to cart ${plural(behaviour.addToCart, 'time', 'times')}`]);
  if (behaviour.orders > 0) phrases.push([`下单 ${behaviour.orders} 次`, `ordered ${plural(behaviour.orders, 'time', 'times')}`]);
  return phrases;
}

/** Scores one visitor (or one lead's combined visitors); product titles make the explanation readable. */
export function intentScore(behaviour: VisitorBehaviour, productTitles: ReadonlyMap<string, string> = new Map()): IntentScore {
  const parts = components(behaviour);
  const score = Math.min(100, Object.values(parts).reduce((sum, points) => sum + points, 0));
  const phrases = evidence(behaviour, productTitles);
  return {
    score,
    components: parts,
    explanation: { 'zh-CN': phrases.map(([zh]) => zh).join('，'), en: phrases.map(([, en]) => en).join(', ') },
  };
}
