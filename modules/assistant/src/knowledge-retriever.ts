import type { ProductFact } from './assistant-ports.ts';
import type { KnowledgeRow } from './assistant-store.ts';
import { buildBm25Index } from './domain/bm25.ts';
import { strongEnough, type Evidence } from './domain/evidence.ts';
import { retrievalTokens, tokenGroups } from './text-tokens.ts';

/**
 * The lowest BM25 score an answer may stand on. Calibrated on the demo catalog: a question that
 * names a product or an FAQ's topic scores well above 2; one that only shares a generic word with
 * the material (礼盒 alone, 浙江 alone) stays near 1 and is refused.
 */
export const EVIDENCE_THRESHOLD = 1.5;
export const MAX_EVIDENCE = 3;
/** Scores are computed as if there were at least this many sources, so a small card answers like a large one. */
const MINIMUM_CORPUS = 20;
/**
 * The share of the question's words a source must hold, unless the question names its title. One
 * generic word in common (支持 in "支持区块链支付吗" and in "不支持无理由退货") is not evidence.
 */
export const MIN_COVERAGE = 0.5;
const PASSAGE_CHARACTERS = 240;

/** Descriptions arrive as rich text; the assistant reads and quotes plain text. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Lines of plain text as one run of sentences: a line without closing punctuation gets a full stop. */
export function asSentences(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (/[。！？.!?…；;]$/u.test(line) ? line : `${line}${/\p{Script=Han}/u.test(line) ? '。' : '. '}`))
    .join('')
    .trim();
}

/** A long document in passages of about PASSAGE_CHARACTERS, split at paragraph and sentence ends. */
export function passagesOf(body: string): string[] {
  const passages: string[] = [];
  let current = '';
  for (const sentence of plainText(body).match(/[^。！？!?\n]+[。！？!?]*|\n/gu) ?? []) {
    if (sentence === '\n') {
      if (current.trim()) passages.push(current.trim());
      current = '';
      continue;
    }
    if ([...current].length + [...sentence].length > PASSAGE_CHARACTERS && current.trim()) {
      passages.push(current.trim());
      current = '';
    }
    current += sentence;
  }
  if (current.trim()) passages.push(current.trim());
  return passages;
}

interface Candidate {
  readonly evidence: Omit<Evidence, 'score'>;
  readonly tokens: string[];
  /** A question that names the title (a product, an FAQ's question) is about this source, however short the match. */
  readonly titleTokens: ReadonlySet<string>;
}

function productCandidate(product: ProductFact): Candidate {
  const description = plainText(product.description);
  // The title counts twice: a question naming the product should find it before one that only mentions it.
  const text = [product.title, product.title, product.subtitle, product.category, description, product.specs.join(' ')].join('\n');
  return {
    // Descriptions often open with the title and subtitle; the subtitle is then not repeated.
    evidence: { kind: 'product', id: product.productId, title: product.title, body: asSentences(description.includes(product.subtitle) ? description : `${product.subtitle}\n${description}`), priceFen: product.priceFen, specs: product.specs },
    tokens: retrievalTokens(text),
    titleTokens: new Set(retrievalTokens(product.title)),
  };
}

/** A product as evidence without retrieval: a recommendation the visitor asked for. */
export function productEvidence(product: ProductFact, score: number): Evidence {
  return { ...productCandidate(product).evidence, score };
}

function knowledgeCandidates(entry: KnowledgeRow): Candidate[] {
  if (entry.kind === 'faq') {
    const body = plainText(entry.body);
    return [{ evidence: { kind: 'faq', id: entry.id, title: entry.title, body, priceFen: null, specs: [] }, tokens: retrievalTokens(`${entry.title}\n${entry.title}\n${body}`), titleTokens: new Set(retrievalTokens(entry.title)) }];
  }
  return passagesOf(entry.body).map((passage) => ({
    evidence: { kind: 'doc', id: entry.id, title: entry.title, body: passage, priceFen: null, specs: [] },
    tokens: retrievalTokens(`${entry.title}\n${passage}`),
    titleTokens: new Set(retrievalTokens(entry.title)),
  }));
}

/**
 * The evidence for a question: BM25 over the card's products, the FAQ and document passages, keeping
 * the strong hits that cover enough of the question (one per product or entry). Empty when nothing clears the threshold: the
 * assistant then says it has nothing, rather than guessing.
 */
export function retrieveEvidence(question: string, products: readonly ProductFact[], knowledge: readonly KnowledgeRow[], threshold = EVIDENCE_THRESHOLD): Evidence[] {
  const candidates = [...products.map(productCandidate), ...knowledge.flatMap(knowledgeCandidates)];
  const index = buildBm25Index(
    candidates.map((candidate, position) => ({ key: position, tokens: candidate.tokens })),
    { minimumDocumentCount: MINIMUM_CORPUS },
  );
  const groups = tokenGroups(question);
  const hits = index.search(groups.flat(), 20);
  const seen = new Set<string>();
  const unique = hits.filter((hit) => {
    const candidate = candidates[hit.key]!;
    const covered = groups.filter((group) => group.some((token) => hit.matched.includes(token))).length;
    const namesTitle = hit.matched.some((token) => candidate.titleTokens.has(token));
    if (covered / groups.length < MIN_COVERAGE && !namesTitle) return false;
    const id = candidate.evidence.id;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return strongEnough(unique, threshold, MAX_EVIDENCE).map((hit) => ({ ...candidates[hit.key]!.evidence, score: Math.round(hit.score * 1000) / 1000 }));
}
