import type { Locale } from '@linkmall/kernel';
import { yuan, type Evidence } from './evidence.ts';
import { asksAboutIncome } from './output-guard.ts';

const TEXT = {
  'zh-CN': {
    noEvidence: (contact: string) => `我没有找到相关资料，暂时无法准确回答这个问题。请联系${contact}，获取准确的信息。`,
    noIncome: '我们不对任何收入或收益作出承诺，具体合作政策请以官方书面说明为准。',
    product: (title: string) => `关于「${title}」：`,
    price: (price: string) => `售价${price}起（以商品页为准）。`,
    specs: (specs: string) => `可选规格：${specs}。`,
    more: (contact: string) => `如需了解更多，可以直接联系${contact}。`,
    separator: '；',
  },
  en: {
    noEvidence: (contact: string) => `I could not find anything about this in the card's materials, so I cannot answer it reliably. Please contact ${contact} for accurate information.`,
    noIncome: 'We make no promise of any income or earnings; the official written terms of any partnership apply.',
    product: (title: string) => `About "${title}": `,
    price: (price: string) => `From ${price} (the product page has the current price). `,
    specs: (specs: string) => `Options: ${specs}. `,
    more: (contact: string) => `For more, you can contact ${contact} directly.`,
    separator: '; ',
  },
} as const;

const MAX_BODY_CHARACTERS = 160;

/** The first sentences of a passage, up to a length, cut at a sentence end where possible. */
export function excerpt(text: string, maxCharacters = MAX_BODY_CHARACTERS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const characters = [...clean];
  if (characters.length <= maxCharacters) return clean;
  const head = characters.slice(0, maxCharacters).join('');
  const end = Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'), head.lastIndexOf('. '));
  return end > maxCharacters / 3 ? head.slice(0, end + 1) : `${head}…`;
}

const ensureStop = (text: string, locale: Locale) => (/[。！？.!?…]$/u.test(text) ? text : `${text}${locale === 'zh-CN' ? '。' : '.'}`);

function sentenceFor(item: Evidence, marker: string, locale: Locale): string {
  const text = TEXT[locale];
  if (item.kind !== 'product') return `${ensureStop(excerpt(item.body), locale)}${marker}`;
  const parts = [text.product(item.title)];
  if (item.body.trim()) parts.push(ensureStop(excerpt(item.body, 80), locale));
  if (item.priceFen !== null) parts.push(text.price(yuan(item.priceFen)));
  if (item.specs.length > 0) parts.push(text.specs(item.specs.slice(0, 4).join(text.separator)));
  return `${parts.join('').trim()}${marker}`;
}

/**
 * The offline answer: what the evidence says, each piece marked with its citation number ([1], [2]),
 * product prices only as the catalog gave them; without evidence, a plain "I found nothing, ask the
 * owner". Income questions get the no-promise statement first, whatever else is found.
 */
export function composeAnswer(question: string, evidence: readonly Evidence[], contactName: string, locale: Locale): string {
  const text = TEXT[locale];
  const lines: string[] = [];
  if (asksAboutIncome(question)) lines.push(text.noIncome);
  if (evidence.length === 0) {
    lines.push(text.noEvidence(contactName));
    return lines.join('\n');
  }
  evidence.forEach((item, position) => lines.push(sentenceFor(item, `[${position + 1}]`, locale)));
  lines.push(text.more(contactName));
  return lines.join('\n');
}

/** The fixed refusal, for callers that must answer without composing (e.g. a model's text removed entirely by the guard). */
export const noEvidenceAnswer = (contactName: string, locale: Locale) => TEXT[locale].noEvidence(contactName);
