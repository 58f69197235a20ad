import { describe, expect, it } from 'vitest';
import { buildBm25Index, inverseDocumentFrequency } from './bm25.ts';

const docs = [
  { key: 'tea', tokens: ['西湖', '龙井', '明前', '绿茶', '250g'] },
  { key: 'oolong', tokens: ['安溪', '铁观音', '乌龙茶', '礼盒'] },
  { key: 'mask', tokens: ['玻尿酸', '保湿', '面膜', '补水', '保湿'] },
  { key: 'long', tokens: ['保湿', '乳液', '清爽', '不油腻', '适合', '混合', '皮肤', '日常', '使用', '质地', '轻薄'] },
];

describe('BM25', () => {
  it('ranks the document holding the rare query word first and explains the match', () => {
    const hits = buildBm25Index(docs).search(['龙井', '价格']);
    expect(hits.map((hit) => hit.key)).toEqual(['tea']);
    expect(hits[0]!.matched).toEqual(['龙井']);
  });

  it('prefers more occurrences and shorter documents for the same word', () => {
    const hits = buildBm25Index(docs).search(['保湿']);
    expect(hits.map((hit) => hit.key)).toEqual(['mask', 'long']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('adds up the words: two matched words beat one', () => {
    const hits = buildBm25Index(docs).search(['乌龙茶', '礼盒', '绿茶']);
    expect(hits[0]!.key).toBe('oolong');
    expect(hits[0]!.matched).toEqual(['乌龙茶', '礼盒']);
    expect(hits[1]!.key).toBe('tea');
  });

  it('finds nothing for words no document has, and nothing in an empty index', () => {
    expect(buildBm25Index(docs).search(['咖啡'])).toEqual([]);
    expect(buildBm25Index([]).search(['龙井'])).toEqual([]);
  });

  it('counts a repeated query word once and respects the limit', () => {
    const once = buildBm25Index(docs).search(['保湿']);
    const twice = buildBm25Index(docs).search(['保湿', '保湿']);
    expect(twice).toEqual(once);
    expect(buildBm25Index(docs).search(['保湿'], 1)).toHaveLength(1);
  });

  it('scores a one-document corpus like a larger one when given a minimum document count', () => {
    const single = [{ key: 'mask', tokens: ['玻尿酸', '保湿', '面膜'] }];
    const bare = buildBm25Index(single).search(['面膜'])[0]!.score;
    const floored = buildBm25Index(single, { minimumDocumentCount: 20 }).search(['面膜'])[0]!.score;
    expect(bare).toBeLessThan(0.5);
    expect(floored).toBeGreaterThan(2);
  });

  it('uses a non-negative IDF that falls as a word gets common', () => {
    expect(inverseDocumentFrequency(10, 10)).toBeGreaterThan(0);
    expect(inverseDocumentFrequency(10, 1)).toBeGreaterThan(inverseDocumentFrequency(10, 5));
  });
});
