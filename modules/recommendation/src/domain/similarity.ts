/**
 * Item-to-item similarity from co-occurrence counts: two products are alike when the same people
 * interact with both. Counts are of distinct people, so a person's repeated purchases weigh once.
 */

/**
 * Cosine similarity of two products' person vectors (binary: did this person interact with it):
 * the people who met both, over the geometric mean of the people who met each. 0 when either was
 * never met.
 */
export function cosineSimilarity(together: number, personsOfFirst: number, personsOfSecond: number): number {
  if (together <= 0 || personsOfFirst <= 0 || personsOfSecond <= 0) return 0;
  return together / Math.sqrt(personsOfFirst * personsOfSecond);
}

/**
 * How much a co-occurrence count is trusted: together / (together + shrink). Two products met once by
 * the same person look perfectly similar when both are rare; the shrink makes a pair earn its weight
 * through repeated evidence (one person: 1/3 with shrink 2, ten people: 0.83).
 */
export function supportWeight(together: number, shrink: number): number {
  if (together <= 0) return 0;
  return together / (together + shrink);
}

/** The similarity the recommender ranks by: cosine, damped for thin evidence. */
export function dampedSimilarity(together: number, personsOfFirst: number, personsOfSecond: number, shrink: number): number {
  return cosineSimilarity(together, personsOfFirst, personsOfSecond) * supportWeight(together, shrink);
}
