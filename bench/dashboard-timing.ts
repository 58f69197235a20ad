import { isDeepStrictEqual } from 'node:util';

export interface LatencySummary {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

/** Nearest-rank percentile of sorted samples: the smallest sample with at least p of them at or below it. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) throw new Error('no samples');
  return sortedMs[Math.min(sortedMs.length, Math.max(1, Math.ceil(p * sortedMs.length))) - 1]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    meanMs: round(sorted.reduce((sum, sample) => sum + sample, 0) / sorted.length),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

/**
 * Runs `work` `warmUp` times untimed (plans cached, pages in memory), then `repetitions` times one
 * after the other, timing each; returns the summary and the last answer.
 */
export async function timeRepeated<T>(work: () => Promise<T>, options: { warmUp: number; repetitions: number }): Promise<{ summary: LatencySummary; answer: T }> {
  let answer: T | undefined;
  for (let run = 0; run < options.warmUp; run++) answer = await work();
  const samples: number[] = [];
  for (let run = 0; run < options.repetitions; run++) {
    const startedAt = performance.now();
    answer = await work();
    samples.push(performance.now() - startedAt);
  }
  return { summary: summarize(samples), answer: answer as T };
}

/** Where two answers differ, as `path: left ≠ right` lines (empty when they are equal). */
export function answerDifferences(left: unknown, right: unknown, path = '$'): string[] {
  if (isDeepStrictEqual(left, right)) return [];
  if (left && right && typeof left === 'object' && typeof right === 'object' && Array.isArray(left) === Array.isArray(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].flatMap((key) => answerDifferences((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], `${path}.${key}`));
  }
  const show = (value: unknown) => JSON.stringify(value, (_, inner) => (typeof inner === 'bigint' ? `${inner}n` : inner));
  return [`${path}: ${show(left)} ≠ ${show(right)}`];
}

export const formatSummary = (label: string, summary: LatencySummary) =>
  `${label}: p50 ${summary.p50Ms} ms, p95 ${summary.p95Ms} ms, mean ${summary.meanMs} ms, max ${summary.maxMs} ms (${summary.samples} runs)`;
