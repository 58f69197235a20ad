import type { Locale } from '@linkmall/kernel';
import { yuan, type Evidence } from './domain/evidence.ts';
import type { CopyFacts } from './domain/copywriting.ts';
import type { ChatMessage } from './language-model.ts';

/** The rules every remote model is given; the output guard enforces the two hard ones regardless. */
const RULES = {
  'zh-CN': [
    '你是名片主人的智能助理，只根据下面提供的资料回答访客问题，用简体中文，简洁友好。',
    '每句引用资料时在句末标注资料编号，例如 [1]。资料里没有的内容，直接说没有找到相关资料，并建议联系名片主人。',
    '价格只能照抄资料中给出的价格（格式 ¥x.xx），不得计算、估计或编造任何价格、折扣。',
    '严禁承诺或暗示任何收入、收益、回报（例如“月入过万”“躺赚”“保证收益”），被问到时说明我们不作收入承诺。',
  ],
  en: [
    "You are the card owner's assistant. Answer the visitor only from the material below, in English, briefly and kindly.",
    'End each sentence that uses the material with its number, e.g. [1]. If the material does not cover the question, say you found nothing and suggest contacting the card owner.',
    'Quote prices only exactly as the material gives them (format ¥x.xx); never compute, estimate or invent a price or discount.',
    'Never promise or suggest any income, earnings or returns (such as "earn 10,000 a month" or "guaranteed returns"); if asked, say no income is promised.',
  ],
} as const;

function renderEvidence(evidence: readonly Evidence[]): string {
  return evidence
    .map((item, position) => {
      const lines = [`[${position + 1}] (${item.kind}) ${item.title}`, item.body.trim()];
      if (item.priceFen !== null) lines.push(`price: ${yuan(item.priceFen)}`);
      if (item.specs.length > 0) lines.push(`specs: ${item.specs.join('; ')}`);
      return lines.filter(Boolean).join('\n');
    })
    .join('\n\n');
}

/** Messages for a visitor's question: rules and evidence as the system message, then the recent turns, then the question. */
export function answerMessages(question: string, evidence: readonly Evidence[], history: readonly ChatMessage[], contactName: string, locale: Locale): ChatMessage[] {
  const system = [...RULES[locale], `Card owner: ${contactName}`, '---', renderEvidence(evidence)].join('\n');
  return [{ role: 'system', content: system }, ...history.slice(-6), { role: 'user', content: question }];
}

/** Messages asking for an owner's draft: the facts, and the same no-income, catalog-prices-only rules. */
export function copyMessages(facts: CopyFacts, locale: Locale): ChatMessage[] {
  const task =
    facts.kind === 'follow_up'
      ? locale === 'zh-CN' ? '为名片主人写一条发给该客户的跟进消息（80字以内），语气真诚，不夸大。' : "Write a short follow-up message (under 60 words) from the card owner to this customer; sincere, no exaggeration."
      : locale === 'zh-CN' ? '为名片主人写一条个性化的邀约文案（80字以内），邀请客户来看商品。' : 'Write a short personalised invitation (under 60 words) from the card owner inviting the customer to look at the products.';
  const productLines = facts.products.slice(0, 3).map((product) => `- ${product.title}${product.priceFen !== null ? ` (${yuan(product.priceFen)})` : ''}`);
  const content = [
    `customer: ${facts.visitorName ?? '-'}`,
    `owner: ${facts.ownerName}${facts.company ? `, ${facts.company}` : ''}`,
    'products viewed:',
    ...(productLines.length > 0 ? productLines : ['-']),
    `coupon: ${facts.coupon ? `${facts.coupon.name} (${facts.coupon.summary})` : '-'}`,
  ].join('\n');
  return [
    { role: 'system', content: [RULES[locale][2], RULES[locale][3], task].join('\n') },
    { role: 'user', content },
  ];
}
