/**
 * Additive Holt-Winters (level, trend, season of length m) and simple exponential smoothing, in the
 * recurrence form of Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" §8.3:
 *
 *   forecast  ŷ_t = ℓ_{t−1} + b_{t−1} + s_{t−m}
 *   level     ℓ_t = α (y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   trend     b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) b_{t−1}
 *   season    s_t = γ (y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}
 *
 * This seasonal form is the one whose error-correction equivalent (ℓ += α e, b += αβ e, s += γ e)
 * gives the closed-form prediction interval used in `forecaster.ts`. Pure: numbers in, numbers out.
 */
export const SEASON_DAYS = 7;

export interface SmoothingParameters {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export interface HoltWintersState {
  readonly level: number;
  readonly trend: number;
  /** The latest seasonal term of each phase; phase p is every observation index t with t mod m = p. */
  readonly seasonal: readonly number[];
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The classic start from the first two seasons: level = the first season's mean, trend = the change
 * of the seasonal means spread over one season, and each phase's seasonal term = its first value's
 * distance from that level. Needs at least 2m observations.
 */
export function initialState(series: readonly number[], seasonLength: number = SEASON_DAYS): HoltWintersState {
  if (series.length < 2 * seasonLength) throw new Error(`Holt-Winters needs two seasons (${2 * seasonLength} values), got ${series.length}`);
  const first = series.slice(0, seasonLength);
  const second = series.slice(seasonLength, 2 * seasonLength);
  const level = mean(first);
  return { level, trend: (mean(second) - level) / seasonLength, seasonal: first.map((value) => value - level) };
}

export interface Step {
  /** What the state before the observation predicted for it. */
  readonly forecast: number;
  readonly error: number;
  readonly state: HoltWintersState;
}

/** Takes in observation `index` (counted from the series start, which sets its phase). */
export function updateState(state: HoltWintersState, observation: number, index: number, parameters: SmoothingParameters): Step {
  const { alpha, beta, gamma } = parameters;
  const phase = index % state.seasonal.length;
  const previousSeason = state.seasonal[phase]!;
  const forecast = state.level + state.trend + previousSeason;
  const level = alpha * (observation - previousSeason) + (1 - alpha) * (state.level + state.trend);
  const trend = beta * (level - state.level) + (1 - beta) * state.trend;
  const seasonal = [...state.seasonal];
  seasonal[phase] = gamma * (observation - state.level - state.trend) + (1 - gamma) * previousSeason;
  return { forecast, error: observation - forecast, state: { level, trend, seasonal } };
}

/** Point forecasts for observation indexes next, next+1, …: ℓ + h·b + the phase's latest season. */
export function forecastAhead(state: HoltWintersState, nextIndex: number, horizon: number): number[] {
  const seasonLength = state.seasonal.length;
  return Array.from({ length: horizon }, (_, offset) => state.level + (offset + 1) * state.trend + state.seasonal[(nextIndex + offset) % seasonLength]!);
}

export interface SmoothingRun<S> {
  /** One-step forecasts, index-aligned with the series; null where the model had nothing to go on yet. */
  readonly fitted: readonly (number | null)[];
  readonly final: S;
}

/**
 * Runs the recurrences over the whole series from the classic start. The first season is both the
 * start and the first observations, so its one-step forecasts say little; callers measure errors
 * from index m on.
 */
export function runHoltWinters(series: readonly number[], parameters: SmoothingParameters, seasonLength: number = SEASON_DAYS, onStep?: (index: number, before: HoltWintersState) => void): SmoothingRun<HoltWintersState> {
  let state = initialState(series, seasonLength);
  const fitted: number[] = [];
  for (let index = 0; index < series.length; index++) {
    onStep?.(index, state);
    const step = updateState(state, series[index]!, index, parameters);
    fitted.push(step.forecast);
    state = step.state;
  }
  return { fitted, final: state };
}

/** Simple exponential smoothing: ℓ_t = α y_t + (1 − α) ℓ_{t−1}, started at the first value; forecasts are flat. */
export function runSimpleSmoothing(series: readonly number[], alpha: number, onStep?: (index: number, level: number) => void): SmoothingRun<number> {
  if (series.length === 0) throw new Error('simple smoothing needs at least one value');
  let level = series[0]!;
  const fitted: (number | null)[] = [null];
  for (let index = 1; index < series.length; index++) {
    onStep?.(index, level);
    fitted.push(level);
    level = alpha * series[index]! + (1 - alpha) * level;
  }
  return { fitted, final: level };
}
