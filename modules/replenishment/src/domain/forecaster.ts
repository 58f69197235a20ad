import { forecastAhead, runHoltWinters, runSimpleSmoothing, SEASON_DAYS, type HoltWintersState } from './holt-winters.ts';

/**
 * Which model a SKU's daily demand gets, by how much history it has:
 * - two weeks or more: additive Holt-Winters with weekly seasonality;
 * - three days to two weeks: simple exponential smoothing (no season can be estimated yet);
 * - one or two days: their mean;
 * - none: zero.
 * Parameters come from a grid search scored on a validation window (see `fitForecastModel`).
 */
export type ForecastMethod = 'holt_winters' | 'simple_smoothing' | 'mean' | 'none';

export interface ParameterGrid {
  readonly alpha: readonly number[];
  readonly beta: readonly number[];
  readonly gamma: readonly number[];
}

/** Coarse on purpose: daily SKU demand is noisy, and a finer grid mostly fits the noise. */
export const PARAMETER_GRID: ParameterGrid = {
  alpha: [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9],
  beta: [0, 0.02, 0.05, 0.1, 0.2],
  gamma: [0.05, 0.1, 0.2, 0.3, 0.5],
};

export interface ForecastModel {
  readonly method: ForecastMethod;
  readonly alpha: number | null;
  readonly beta: number | null;
  readonly gamma: number | null;
  readonly historyDays: number;
  /** Root mean square of the one-step-ahead errors, in units per day: the σ of the safety stock. */
  readonly sigmaDaily: number;
  /** Mean absolute error of the chosen parameters on the validation window; null without a search. */
  readonly validationError: number | null;
  /** One-step-ahead forecasts over the history (null where the model had nothing to go on). */
  readonly fitted: readonly (number | null)[];
  /** The state after the last day: level, trend and one seasonal term per weekday phase. */
  readonly state: HoltWintersState;
}

export interface FitOptions {
  readonly seasonLength?: number;
  readonly grid?: ParameterGrid;
  /** How many of the last days serve as forecast origins when scoring parameters (default up to 28). */
  readonly validationDays?: number;
  /** How far ahead each origin forecasts when scoring (default one season). */
  readonly validationHorizonDays?: number;
}

const MAX_VALIDATION_DAYS = 28;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Root mean square of the one-step errors from `from` on; null when there are none. */
function rootMeanSquareError(series: readonly number[], fitted: readonly (number | null)[], from: number): number | null {
  let squares = 0;
  let count = 0;
  for (let index = from; index < series.length; index++) {
    const forecast = fitted[index];
    if (forecast === null || forecast === undefined) continue;
    squares += (series[index]! - forecast) ** 2;
    count++;
  }
  return count === 0 ? null : Math.sqrt(squares / count);
}

/**
 * Scores one candidate: from each origin in the validation window, the forecasts for the next
 * `horizon` days (clamped at zero, as they are used) against what happened, as a mean absolute error.
 * Several horizons rather than one step, because an order covers days to weeks of demand: a
 * parameter set that only predicts tomorrow well can still drift badly over a lead time.
 */
class ValidationScore {
  private absolute = 0;
  private count = 0;
  constructor(
    private readonly series: readonly number[],
    readonly firstOrigin: number,
    private readonly horizon: number,
  ) {}
  add(origin: number, forecasts: readonly number[]): void {
    forecasts.forEach((forecast, offset) => {
      this.absolute += Math.abs(this.series[origin + offset]! - Math.max(0, forecast));
      this.count++;
    });
  }
  horizonAt(origin: number): number {
    return Math.min(this.horizon, this.series.length - origin);
  }
  get value(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.absolute / this.count;
  }
}

function validationScore(series: readonly number[], earliestOrigin: number, options: FitOptions): ValidationScore {
  const window = options.validationDays ?? Math.min(MAX_VALIDATION_DAYS, Math.max(1, Math.floor(series.length / 4)));
  return new ValidationScore(series, Math.max(earliestOrigin, series.length - window), options.validationHorizonDays ?? options.seasonLength ?? SEASON_DAYS);
}

function fitHoltWinters(series: readonly number[], options: FitOptions): ForecastModel {
  const seasonLength = options.seasonLength ?? SEASON_DAYS;
  const grid = options.grid ?? PARAMETER_GRID;
  let best: { alpha: number; beta: number; gamma: number; score: number } | null = null;
  for (const alpha of grid.alpha) {
    for (const beta of grid.beta) {
      for (const gamma of grid.gamma) {
        // Origins inside the first season would forecast from the start values they were built from.
        const score = validationScore(series, seasonLength, options);
        runHoltWinters(series, { alpha, beta, gamma }, seasonLength, (index, before) => {
          if (index >= score.firstOrigin) score.add(index, forecastAhead(before, index, score.horizonAt(index)));
        });
        if (!best || score.value < best.score) best = { alpha, beta, gamma, score: score.value };
      }
    }
  }
  const chosen = best!;
  const run = runHoltWinters(series, chosen, seasonLength);
  return {
    method: 'holt_winters',
    alpha: chosen.alpha,
    beta: chosen.beta,
    gamma: chosen.gamma,
    historyDays: series.length,
    sigmaDaily: rootMeanSquareError(series, run.fitted, seasonLength) ?? Math.sqrt(sum(series) / series.length),
    validationError: Number.isFinite(chosen.score) ? chosen.score : null,
    // The first season's "forecasts" are the start values themselves, so they are not shown as fit.
    fitted: run.fitted.map((value, index) => (index < seasonLength ? null : value)),
    state: run.final,
  };
}

function fitSimpleSmoothing(series: readonly number[], options: FitOptions): ForecastModel {
  const grid = options.grid ?? PARAMETER_GRID;
  let best: { alpha: number; score: number } | null = null;
  for (const alpha of grid.alpha) {
    const score = validationScore(series, 1, options);
    runSimpleSmoothing(series, alpha, (index, level) => {
      if (index >= score.firstOrigin) score.add(index, new Array<number>(score.horizonAt(index)).fill(level));
    });
    if (!best || score.value < best.score) best = { alpha, score: score.value };
  }
  const chosen = best!;
  const run = runSimpleSmoothing(series, chosen.alpha);
  return {
    method: 'simple_smoothing',
    alpha: chosen.alpha,
    beta: null,
    gamma: null,
    historyDays: series.length,
    sigmaDaily: rootMeanSquareError(series, run.fitted, 1) ?? Math.sqrt(run.final),
    validationError: Number.isFinite(chosen.score) ? chosen.score : null,
    fitted: run.fitted,
    state: { level: run.final, trend: 0, seasonal: [] },
  };
}

/** Fits the model the history allows; `series` is daily demand, oldest first, ending yesterday. */
export function fitForecastModel(series: readonly number[], options: FitOptions = {}): ForecastModel {
  const seasonLength = options.seasonLength ?? SEASON_DAYS;
  const base = { alpha: null, beta: null, gamma: null, historyDays: series.length, validationError: null };
  if (series.length === 0) return { ...base, method: 'none', sigmaDaily: 0, fitted: [], state: { level: 0, trend: 0, seasonal: [] } };
  if (series.length >= 2 * seasonLength) return fitHoltWinters(series, options);
  if (series.length >= 3) return fitSimpleSmoothing(series, options);
  const level = sum(series) / series.length;
  // Two days cannot estimate a spread; counts of sales are roughly Poisson, whose σ is √mean.
  return { ...base, method: 'mean', sigmaDaily: Math.sqrt(level), fitted: series.map(() => null), state: { level, trend: 0, seasonal: [] } };
}

/** Raw point forecasts for the next `horizon` days (day 1 = the day after the history). */
function rawForecast(model: ForecastModel, horizon: number): number[] {
  if (model.method === 'holt_winters') return forecastAhead(model.state, model.historyDays, horizon);
  return new Array<number>(horizon).fill(model.state.level);
}

/** Point forecasts for the next `horizon` days; demand is never negative, so neither is a forecast. */
export function pointForecast(model: ForecastModel, horizon: number): number[] {
  return rawForecast(model, horizon).map((value) => Math.max(0, value));
}

/**
 * The h-step forecast's standard deviation: σ √(1 + Σ_{j<h} c_j²), with c_j = α(1 + βj) + γ·[j a
 * multiple of m] for Holt-Winters and c_j = α for simple smoothing (the class-1 ETS results of
 * Hyndman et al. 2008, table 6.1); the mean model's spread does not grow.
 */
export function forecastStandardDeviations(model: ForecastModel, horizon: number): number[] {
  const alpha = model.alpha ?? 0;
  const beta = model.beta ?? 0;
  const gamma = model.gamma ?? 0;
  const seasonLength = model.state.seasonal.length;
  const deviations: number[] = [];
  let accumulated = 1;
  for (let step = 1; step <= horizon; step++) {
    deviations.push(model.sigmaDaily * Math.sqrt(accumulated));
    const j = step;
    const coefficient =
      model.method === 'holt_winters' ? alpha * (1 + beta * j) + (seasonLength > 0 && j % seasonLength === 0 ? gamma : 0) : model.method === 'simple_smoothing' ? alpha : 0;
    accumulated += coefficient * coefficient;
  }
  return deviations;
}

export interface ForecastInterval {
  readonly lower: number;
  readonly upper: number;
}

/** A central prediction interval at `z` standard deviations, floored at zero like the forecast. */
export function predictionIntervals(model: ForecastModel, horizon: number, z: number): ForecastInterval[] {
  const points = rawForecast(model, horizon);
  return forecastStandardDeviations(model, horizon).map((deviation, index) => ({
    lower: Math.max(0, points[index]! - z * deviation),
    upper: Math.max(0, points[index]! + z * deviation),
  }));
}
