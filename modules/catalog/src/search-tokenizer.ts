import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation for product search. PostgreSQL's parsers do not split Chinese into words,
 * so the catalog stores jieba's tokens as space-separated text and lets `to_tsvector('simple', …)`
 * index them; queries are cut the same way.
 */
let instance: Jieba | undefined;

/** Loading the dictionary takes a few hundred milliseconds, so it happens on first use, once. */
function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/** Loads the dictionary now, so the first shopper's search does not wait for it (the API calls it after start). */
export function warmUpSearch(): void {
  jieba();
}

/** A token worth indexing has a letter or a digit; punctuation and spaces are dropped. */
const MEANINGFUL = /[\p{L}\p{N}]/u;
/** Characters the `simple` parser would split a token on anyway; removing them keeps tokens whole. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Full-width letters and digits (ＡＢＣ１２３) become ASCII, letters lower case: shoppers type both. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function clean(token: string): string[] {
  return token.split(SEPARATORS).filter((part) => MEANINGFUL.test(part));
}

/**
 * Every two adjacent Chinese characters: the dictionary does not know every product word (明前 in
 * 明前茶), and a shopper typing two characters that stand side by side in a title expects a match.
 */
function hanBigrams(text: string): string[] {
  const bigrams: string[] = [];
  for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) {
    const characters = [...run];
    for (let index = 0; index + 1 < characters.length; index++) bigrams.push(characters[index]! + characters[index + 1]!);
  }
  return bigrams;
}

/**
 * Index tokens of some text: jieba's search-mode cut (words and the dictionary words inside long
 * ones), its full cut (every dictionary word and single character) and character pairs, so a query
 * for a word inside a longer one (明前 in 明前茶, 茶 in 龙井茶) still finds it. Duplicates are kept once.
 */
export function documentTokens(texts: readonly (string | null | undefined)[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const normalized = normalizeSearchText(text);
    for (const token of [...jieba().cutForSearch(normalized, true), ...jieba().cutAll(normalized), ...hanBigrams(normalized)]) {
      for (const part of clean(token)) tokens.add(part);
    }
  }
  return [...tokens].join(' ');
}

/** The most words one query is matched on; the rest are ignored (a query is at most 50 characters). */
export const MAX_QUERY_WORDS = 10;

/**
 * A query as groups of alternatives: one group per word of jieba's precise cut, holding the word and
 * the dictionary words inside it (龙井茶 → 龙井茶 | 龙井). A product matches a group when it has any
 * alternative; results rank by how many groups they match.
 */
export function queryGroups(query: string): string[][] {
  const normalized = normalizeSearchText(query);
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const word of jieba().cut(normalized, true)) {
    for (const part of clean(word)) {
      if (seen.has(part)) continue;
      seen.add(part);
      const inner = jieba()
        .cutForSearch(part, true)
        .flatMap(clean)
        .filter((token) => token !== part && [...token].length >= 2);
      groups.push([part, ...new Set(inner)]);
      if (groups.length === MAX_QUERY_WORDS) return groups;
    }
  }
  return groups;
}
