/**
 * Okapi BM25 over documents that are already cut into tokens. Pure: the caller segments the text
 * (jieba for Chinese), this ranks. k1 and b are the usual defaults (Robertson and Zaragoza 2009).
 */
export interface Bm25Document<K = string> {
  readonly key: K;
  readonly tokens: readonly string[];
}

export interface Bm25Hit<K = string> {
  readonly key: K;
  readonly score: number;
  /** The query tokens the document contains, in query order: what makes the hit explainable. */
  readonly matched: readonly string[];
}

export interface Bm25Options {
  readonly k1?: number;
  readonly b?: number;
  /**
   * IDF computed as if the corpus had at least this many documents (the extra ones holding none of
   * the words). A card with one product would otherwise give every word a near-zero IDF, so no
   * score could ever clear an absolute threshold; with it, scores mean the same on small and large cards.
   */
  readonly minimumDocumentCount?: number;
}

export interface Bm25Index<K = string> {
  readonly size: number;
  search(queryTokens: readonly string[], limit?: number): Bm25Hit<K>[];
}

/** Lucene's non-negative IDF: a token in every document still counts a little, never negatively. */
export function inverseDocumentFrequency(documentCount: number, documentsWithToken: number): number {
  return Math.log(1 + (documentCount - documentsWithToken + 0.5) / (documentsWithToken + 0.5));
}

export function buildBm25Index<K>(documents: readonly Bm25Document<K>[], options: Bm25Options = {}): Bm25Index<K> {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const frequencies = documents.map((document) => {
    const counts = new Map<string, number>();
    for (const token of document.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of frequencies) for (const token of counts.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  const totalLength = documents.reduce((sum, document) => sum + document.tokens.length, 0);
  const averageLength = documents.length > 0 ? totalLength / documents.length : 0;
  const idfDocumentCount = Math.max(documents.length, options.minimumDocumentCount ?? 0);

  return {
    size: documents.length,
    search(queryTokens, limit = 10) {
      const unique = [...new Set(queryTokens)];
      const hits: Bm25Hit<K>[] = [];
      documents.forEach((document, index) => {
        const counts = frequencies[index]!;
        let score = 0;
        const matched: string[] = [];
        for (const token of unique) {
          const frequency = counts.get(token);
          if (!frequency) continue;
          matched.push(token);
          const idf = inverseDocumentFrequency(idfDocumentCount, documentFrequency.get(token) ?? 0);
          const lengthNorm = averageLength > 0 ? document.tokens.length / averageLength : 1;
          score += (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + b * lengthNorm));
        }
        if (score > 0) hits.push({ key: document.key, score, matched });
      });
      // Ties keep the documents' order, so results are deterministic.
      return hits.sort((left, right) => right.score - left.score).slice(0, limit);
    },
  };
}
