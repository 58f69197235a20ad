/**
 * What any model's text must never carry to a visitor, whoever wrote it (a template or an LLM):
 * promises of income (China's advertising law and the platform's 分销 rules forbid them) and prices
 * that the catalog did not give. Sentences that break a rule are removed, not rewritten.
 */

/** Income promises in Chinese and English: 月入过万, 躺赚, 保证收益, "guaranteed income", "earn 5000 a month". */
const INCOME_PROMISE_PATTERNS: readonly RegExp[] = [
  /[月日周年]入\s*[过上]?\s*[\d一二三四五六七八九十百千万几]/u,
  /[月日周年]入[过上]?万/u,
  /躺[着]?赚/u,
  /保证(收益|收入|赚|盈利|回本)/u,
  /(稳赚|包赚|稳赢|保本保息|零风险|无风险)/u,
  /[日月周年]赚\s*[\d一二三四五六七八九十百千万几]/u,
  /(轻松|在家)赚(钱|\d)/u,
  /被动收入/u,
  /(收益|收入)翻[倍番]/u,
  /财务自由/u,
  /快速致富|一夜暴富/u,
  /guarantee[ds]?\s+(income|returns?|profits?|earnings?)/i,
  /passive\s+income/i,
  /(earn|make)\s+[¥$]?\s?\d[\d,]*(\.\d+)?\s*(k\b)?\s*(yuan|rmb|dollars?)?\s*(a|per|each|every)\s+(day|week|month|year)/i,
  /risk[- ]free\s+(income|returns?|profits?)/i,
  /get\s+rich/i,
];

export function mentionsIncomePromise(text: string): boolean {
  return INCOME_PROMISE_PATTERNS.some((pattern) => pattern.test(text));
}

/** Questions about earning money with the product or the programme, which the assistant never answers with numbers. */
const INCOME_QUESTION = /(赚钱|赚多少|能赚|收入|收益|回本|月入|日入|躺赚|副业|earn|income|profit|make money)/iu;
export function asksAboutIncome(question: string): boolean {
  return INCOME_QUESTION.test(question);
}

/** Splits text into sentences, keeping each sentence's closing punctuation and line breaks. */
export function sentencesOf(text: string): string[] {
  return text.match(/[^。！？!?\n]+[。！？!?]*\n*|\n+/gu) ?? [];
}

/**
 * Prices written in a text, in fen: ¥12.30, ￥12, 12.3元, 12 元, RMB 12, 12 yuan. Only amounts with a
 * currency sign or word count; a bare "250g" or "3 次" is not a price.
 */
export function pricesMentioned(text: string): bigint[] {
  const found: bigint[] = [];
  const patterns = [/[¥￥]\s*(\d{1,9}(?:\.\d{1,2})?)/gu, /(\d{1,9}(?:\.\d{1,2})?)\s*(?:元|块钱|块|yuan\b|rmb\b|cny\b)/giu, /(?:rmb|cny)\s*(\d{1,9}(?:\.\d{1,2})?)/giu];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push(toFen(match[1]!));
  }
  return found;
}

function toFen(amount: string): bigint {
  const [whole = '0', decimals = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0').slice(0, 2));
}

export interface GuardedText {
  readonly text: string;
  /** Which rules removed sentences: the service logs and tests them. */
  readonly removed: readonly ('income_promise' | 'unknown_price')[];
}

/**
 * Removes every sentence that promises income or quotes a price not in `allowedPricesFen` (the prices
 * of the evidence the answer was given). Returns what is left; an empty text means nothing was safe.
 */
export function guardOutput(text: string, allowedPricesFen: ReadonlySet<bigint>): GuardedText {
  const removed = new Set<'income_promise' | 'unknown_price'>();
  const kept: string[] = [];
  for (const sentence of sentencesOf(text)) {
    if (mentionsIncomePromise(sentence)) {
      removed.add('income_promise');
      continue;
    }
    if (pricesMentioned(sentence).some((priceFen) => !allowedPricesFen.has(priceFen))) {
      removed.add('unknown_price');
      continue;
    }
    kept.push(sentence);
  }
  return { text: kept.join('').trim(), removed: [...removed] };
}
