import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isStopword } from './domain/stopwords.ts';

/**
 * Retrieval tokens for Chinese and English text: jieba's search-mode cut (words and the dictionary
 * words inside long ones) plus the character pairs of long Chinese words the dictionary does not
 * split (明前茶 → 明前, 前茶), lower-cased, without punctuation and stop words.
 */
let instance: Jieba | undefined;
function jieba(): Jieba {
  // Loading the dictionary takes a few hundred milliseconds: once, on first use.
  instance ??= Jieba.withDict(dict);
  return instance;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

function hanPairs(word: string): string[] {
  const characters = [...word];
  if (characters.length < 3 || !/^\p{Script=Han}+$/u.test(word)) return [];
  const pairs: string[] = [];
  for (let index = 0; index + 1 < characters.length; index++) pairs.push(characters[index]! + characters[index + 1]!);
  return pairs;
}

/**
 * The words of a text, each with its alternatives: the word itself, the dictionary words inside it
 * and, for long Chinese words, their character pairs (龙井茶 → 龙井茶 | 龙井 | 井茶). A question
 * "covers" a word when a document holds any alternative.
 */
export function tokenGroups(text: string): string[][] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const groups: string[][] = [];
  for (const word of jieba().cut(normalized, true)) {
    for (const part of word.split(SEPARATORS)) {
      if (!MEANINGFUL.test(part) || isStopword(part)) continue;
      const inner = jieba()
        .cutForSearch(part, true)
        .filter((token) => token !== part && [...token].length >= 2 && !isStopword(token));
      groups.push([...new Set([part, ...inner, ...hanPairs(part)])]);
    }
  }
  return groups;
}

export function retrievalTokens(text: string): string[] {
  return tokenGroups(text).flat();
}

/** Loads the dictionary ahead of the first question. */
export function warmUpAssistant(): void {
  jieba();
}
