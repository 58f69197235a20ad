import type { Localized } from '@linkmall/kernel';
import { decimalQuotient, roundedQuotient } from './ratios.ts';

/** One region, team or channel with the money spent on it and what came back. */
export interface BudgetCandidate {
  readonly key: string;
  readonly label: string;
  readonly spendFen: bigint;
  readonly gmvFen: bigint;
  /** Shares, forwards and referrals attributed to it: what spending bought beyond orders. */
  readonly fissionActions: bigint;
}

export interface BudgetSuggestion {
  readonly key: string;
  readonly label: string;
  readonly rank: number;
  readonly spendFen: bigint;
  readonly gmvFen: bigint;
  readonly roiBps: number | null;
  readonly fissionPer10kFen: number | null;
  readonly score: number;
  readonly currentFen: bigint;
  readonly suggestedFen: bigint;
  readonly changeFen: bigint;
  readonly reasoning: Localized;
}

/** How much ranking weighs return on spend against fission efficiency. */
export const ROI_WEIGHT = 0.7;
export const FISSION_WEIGHT = 0.3;
/** Half of each budget follows the score, half stays where it is: budgets move, they do not jump. */
export const MOVE_SHARE = 0.5;
const WEIGHT_SCALE = 1_000_000;

/**
 * Splits `totalFen` in proportion to integer weights: floors first, then the remaining fen one by
 * one to the largest remainders (ties to the earlier row), so the parts sum to the total exactly.
 */
export function allocateExactly(totalFen: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.length === 0) return [];
  if (sum === 0n) return allocateExactly(totalFen, weights.map(() => 1n));
  const floors = weights.map((weight) => (totalFen * weight) / sum);
  let left = totalFen - floors.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((weight, index) => ({ index, remainder: (totalFen * weight) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const parts = [...floors];
  for (const { index } of order) {
    if (left === 0n) break;
    parts[index] = parts[index]! + 1n;
    left -= 1n;
  }
  return parts;
}

const yuan = (fen: bigint) => {
  const negative = fen < 0n;
  const absolute = negative ? -fen : fen;
  const text = `${(absolute / 100n).toLocaleString('en-US')}.${String(absolute % 100n).padStart(2, '0')}`;
  return `${negative ? '-' : ''}¥${text}`;
};

function reasoningOf(row: Omit<BudgetSuggestion, 'reasoning'>, count: number, averageRoiBps: number | null): Localized {
  const roi = row.roiBps === null ? null : (row.roiBps / 10_000).toFixed(2);
  const comparison =
    row.roiBps === null || averageRoiBps === null ? null : row.roiBps >= averageRoiBps ? { zh: '高于', en: 'above' } : { zh: '低于', en: 'below' };
  const fission = row.fissionPer10kFen === null ? null : row.fissionPer10kFen.toFixed(2);
  const direction =
    row.changeFen > 0n ? { zh: '建议增加', en: 'Increase by' } : row.changeFen < 0n ? { zh: '建议减少', en: 'Decrease by' } : { zh: '建议维持', en: 'Keep at' };
  const amount = row.changeFen === 0n ? yuan(row.suggestedFen) : yuan(row.changeFen < 0n ? -row.changeFen : row.changeFen);
  const zh = [
    `综合得分第 ${row.rank}/${count} 名`,
    roi === null ? '暂无投入产出数据' : `投入产出比 ${roi} 倍${comparison ? `，${comparison.zh}平均水平` : ''}`,
    fission === null ? '' : `每百元带来裂变 ${fission} 次`,
  ].filter(Boolean).join('；');
  const en = [
    `Ranked ${row.rank} of ${count} on the combined score`,
    roi === null ? 'no return on spend yet' : `return on spend ${roi}×${comparison ? `, ${comparison.en} average` : ''}`,
    fission === null ? '' : `${fission} fission actions per ¥100 spent`,
  ].filter(Boolean).join('; ');
  return {
    'zh-CN': `${zh}。${direction.zh} ${amount}，建议预算 ${yuan(row.suggestedFen)}。`,
    en: `${en}. ${direction.en} ${amount}, to a suggested budget of ${yuan(row.suggestedFen)}.`,
  };
}

/**
 * Ranks candidates by 70 % return on spend and 30 % fission efficiency (each relative to the best),
 * and proposes a reallocation of `totalFen`: half of the budget stays in the current proportions,
 * half follows the scores. Candidates without spend are left out (there is no return to measure).
 */
export function suggestBudget(candidates: readonly BudgetCandidate[], totalFen: bigint): BudgetSuggestion[] {
  const spent = candidates.filter((candidate) => candidate.spendFen > 0n);
  if (spent.length === 0) return [];
  const roi = spent.map((row) => Number(row.gmvFen) / Number(row.spendFen));
  const fission = spent.map((row) => (Number(row.fissionActions) * 10_000) / Number(row.spendFen));
  const bestRoi = Math.max(...roi);
  const bestFission = Math.max(...fission);
  const scores = spent.map((_, index) => ROI_WEIGHT * (bestRoi > 0 ? roi[index]! / bestRoi : 0) + FISSION_WEIGHT * (bestFission > 0 ? fission[index]! / bestFission : 0));
  const totalSpend = spent.reduce((sum, row) => sum + row.spendFen, 0n);
  const scoreSum = scores.reduce((a, b) => a + b, 0);
  const weights = spent.map((row, index) => {
    const currentShare = Number(row.spendFen) / Number(totalSpend);
    const scoreShare = scoreSum > 0 ? scores[index]! / scoreSum : currentShare;
    return BigInt(Math.round(((1 - MOVE_SHARE) * currentShare + MOVE_SHARE * scoreShare) * WEIGHT_SCALE));
  });
  const suggested = allocateExactly(totalFen, weights);
  const current = allocateExactly(totalFen, spent.map((row) => row.spendFen));
  const ranked = spent
    .map((row, index) => ({ row, index }))
    .sort((a, b) => scores[b.index]! - scores[a.index]! || (a.row.key < b.row.key ? -1 : 1));
  const totalGmv = spent.reduce((sum, row) => sum + row.gmvFen, 0n);
  const averageRoiBps = roundedQuotient(totalGmv * 10_000n, totalSpend);
  return ranked.map(({ row, index }, position) => {
    const base = {
      key: row.key,
      label: row.label,
      rank: position + 1,
      spendFen: row.spendFen,
      gmvFen: row.gmvFen,
      roiBps: Number(roundedQuotient(row.gmvFen * 10_000n, row.spendFen)),
      fissionPer10kFen: decimalQuotient(row.fissionActions * 10_000n, row.spendFen, 2),
      score: Math.round(scores[index]! * 100) / 100,
      currentFen: current[index]!,
      suggestedFen: suggested[index]!,
      changeFen: suggested[index]! - current[index]!,
    };
    return { ...base, reasoning: reasoningOf(base, spent.length, averageRoiBps === null ? null : Number(averageRoiBps)) };
  });
}
