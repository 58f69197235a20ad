/**
 * mulberry32: a small, fast pseudo-random generator whose sequence depends only on the seed, so a
 * simulation, an evaluation's bootstrap or a fault run replays exactly from its printed seed on every
 * machine. Not for secrets (use node:crypto).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
