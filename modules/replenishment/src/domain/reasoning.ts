import type { Locale } from '@linkmall/kernel';
import type { ForecastMethod } from './forecaster.ts';
import type { DemandPlan, OrderSuggestion, ReplenishmentSettings } from './suggestion.ts';

/** What the reasoning says about the model (a stored forecast row carries the same fields). */
export interface ModelSummary {
  readonly method: ForecastMethod;
  readonly alpha: number | null;
  readonly beta: number | null;
  readonly gamma: number | null;
  readonly historyDays: number;
  readonly sigmaDaily: number;
  /** Today's point forecast, for the mean model's "units a day". */
  readonly dailyLevel: number;
}

export interface ReasoningInput {
  readonly model: ModelSummary;
  readonly settings: ReplenishmentSettings;
  readonly plan: DemandPlan;
  readonly order: OrderSuggestion;
  readonly onHand: number;
  readonly onOrder: number;
}

const one = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
const two = (value: number) => value.toFixed(2);
const percent = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)}%`;

function modelLine(model: ModelSummary, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (model.method) {
    case 'holt_winters': {
      const parameters = `α=${model.alpha}，β=${model.beta}，γ=${model.gamma}`;
      return zh
        ? `模型：Holt-Winters 加法模型（周季节性，${parameters}），依据 ${model.historyDays} 天销量，参数由验证窗口上的网格搜索选出。`
        : `Model: additive Holt-Winters with weekly seasonality (${parameters.replaceAll('，', ', ')}), fitted on ${model.historyDays} days of sales; parameters chosen by grid search on a validation window.`;
    }
    case 'simple_smoothing':
      return zh
        ? `模型：销售历史仅 ${model.historyDays} 天（不足两周，无法估计周季节性），使用简单指数平滑（α=${model.alpha}）。`
        : `Model: only ${model.historyDays} days of sales (under two weeks, too short for a weekly season), so simple exponential smoothing (α=${model.alpha}).`;
    case 'mean':
      return zh
        ? `模型：销售历史仅 ${model.historyDays} 天，按日均 ${one(model.dailyLevel)} 件估计，波动按泊松分布取 √日均。`
        : `Model: only ${model.historyDays} day(s) of sales, so their mean of ${one(model.dailyLevel)} a day, with a Poisson spread of √mean.`;
    case 'none':
      return zh ? '模型：近一年没有销售记录，需求按 0 估计。' : 'Model: no sales in the last year, so demand is taken as zero.';
  }
}

/** The suggestion's arithmetic, step by step with its numbers, in the reader's language. */
export function explainSuggestion(input: ReasoningInput, locale: Locale): string[] {
  const { settings, plan, order, onHand, onOrder } = input;
  const lead = settings.leadTimeDays;
  const cover = settings.leadTimeDays + settings.reviewPeriodDays;
  const zh = locale === 'zh-CN';
  const lines = [modelLine(input.model, locale)];
  lines.push(
    zh
      ? `交货期 ${lead} 天内预计需求 ${one(plan.leadTimeDemand)} 件；交货期加补货周期（${lead}+${settings.reviewPeriodDays} 天）预计需求 ${one(plan.coverDemand)} 件。`
      : `Expected demand over the ${lead}-day lead time: ${one(plan.leadTimeDemand)}; over lead time plus the ${settings.reviewPeriodDays}-day review period (${cover} days): ${one(plan.coverDemand)}.`,
  );
  lines.push(
    zh
      ? `安全库存 = z × σ × √交货期 = ${two(plan.safetyFactor)}（服务水平 ${percent(settings.serviceLevelBps)}）× ${two(input.model.sigmaDaily)} 件/天 × √${lead} = ${one(plan.safetyStock)} 件。`
      : `Safety stock = z × σ × √lead time = ${two(plan.safetyFactor)} (service level ${percent(settings.serviceLevelBps)}) × ${two(input.model.sigmaDaily)} a day × √${lead} = ${one(plan.safetyStock)}.`,
  );
  lines.push(
    zh
      ? `再订货点 = ${one(plan.leadTimeDemand)} + ${one(plan.safetyStock)} → ${plan.reorderPoint} 件；目标库存 = ${one(plan.coverDemand)} + ${one(plan.safetyStock)} → ${plan.targetStock} 件（向上取整）。`
      : `Reorder point = ${one(plan.leadTimeDemand)} + ${one(plan.safetyStock)} → ${plan.reorderPoint}; target stock = ${one(plan.coverDemand)} + ${one(plan.safetyStock)} → ${plan.targetStock} (rounded up).`,
  );
  lines.push(
    zh
      ? `建议采购 = max(0, 目标库存 ${plan.targetStock} − 现有库存 ${onHand} − 在途 ${onOrder}) = ${order.suggestedQuantity} 件。`
      : `Suggested quantity = max(0, target ${plan.targetStock} − on hand ${onHand} − on order ${onOrder}) = ${order.suggestedQuantity}.`,
  );
  const position = order.inventoryPosition;
  if (order.status === 'order_now') {
    lines.push(zh ? `库存位置 ${position} 件 ≤ 再订货点 ${plan.reorderPoint} 件：请立即下单。` : `Stock position ${position} ≤ reorder point ${plan.reorderPoint}: order now.`);
  } else if (order.status === 'order_at_review') {
    lines.push(zh ? `库存位置 ${position} 件高于再订货点 ${plan.reorderPoint} 件：可在下个补货周期下单。` : `Stock position ${position} is above the reorder point ${plan.reorderPoint}: order at the next review.`);
  } else {
    lines.push(zh ? `库存位置 ${position} 件已达到目标库存，暂不需补货。` : `Stock position ${position} already reaches the target stock: no order needed.`);
  }
  return lines;
}
