import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Automatic interest tags (兴趣标签) from the titles of the products a visitor looked at: the nouns
 * of each title (jieba part-of-speech tags), weighted by how long and how often the visitor looked,
 * minus words that describe packaging or marketing rather than an interest.
 */
let instance: Jieba | undefined;
/** Product words the general dictionary splits wrongly (玻尿酸 → 玻/尿酸), as `word frequency tag` lines. */
const PRODUCT_WORDS = ['玻尿酸 2000 n', '白茶 2000 n', '鲜花饼 2000 n', '防晒 2000 vn', '大米 2000 n', '稻花香 2000 nz', '明前茶 2000 n'].join('\n');
/** Loading the dictionary takes a few hundred milliseconds, so it happens on first use, once. */
function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(PRODUCT_WORDS));
  }
  return instance;
}

const NOUN_TAGS = new Set(['n', 'nz', 'nr', 'ns', 'nw', 'vn']);
const NOT_INTERESTS = new Set(['礼盒', '礼包', '套装', '包装', '正品', '官方', '旗舰', '新品', '组合', '家用', '专用', '当季', '产地', '佳品', '送礼']);

export interface ViewedProduct {
  readonly title: string;
  readonly seconds: number;
  readonly clicks: number;
}

/** Nouns of one title worth a tag: two or more characters, not a number or a marketing word. */
export function titleKeywords(title: string): string[] {
  const words = jieba()
    .tag(title.normalize('NFKC'))
    .filter(({ tag, word }) => NOUN_TAGS.has(tag) && [...word].length >= 2 && !/^[\d\p{P}\s]+$/u.test(word) && !NOT_INTERESTS.has(word))
    .map(({ word }) => word);
  return [...new Set(words)];
}

/** The visitor's strongest interests, at most `limit`, strongest first (ties by first appearance). */
export function interestTags(products: readonly ViewedProduct[], limit = 5): string[] {
  const weights = new Map<string, number>();
  for (const product of products) {
    const weight = product.seconds + 30 * product.clicks;
    if (weight <= 0) continue;
    for (const keyword of titleKeywords(product.title)) weights.set(keyword, (weights.get(keyword) ?? 0) + weight);
  }
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([keyword]) => keyword.slice(0, 20));
}
