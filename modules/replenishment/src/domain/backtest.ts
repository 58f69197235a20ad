import { fitForecastModel, pointForecast } from './forecaster.ts';
import { SEASON_DAYS } from './holt-winters.ts';

/**
 * Rolling-origin evaluation: cut the history at several origins, forecast the next H days from what
 * came before each cut, and compare with what happened. Three errors, because daily SKU demand has
 * many zero days:
 * - MAPE (mean |F − A| / A) is undefined on a zero day, so it skips them; alone it would flatter a
 *   forecaster on slow sellers (the zero days it misses are never counted);
 * - sMAPE (mean 2|F − A| / (F + A), 0 when both are 0) counts every day, but treats any positive
 *   forecast on a zero day as a full 200 % miss;
 * - WAPE (Σ|F − A| / ΣA) counts every day, weighs days by volume, and is the headline figure.
 */
export type Forecaster = (training: readonly number[], horizon: number) => number[];

export const holtWintersForecaster: Forecaster = (training, horizon) => pointForecast(fitForecastModel(training), horizon);

/** Seasonal naive: each day repeats the same weekday of the last observed week. */
export const seasonalNaiveForecaster: Forecaster = (training, horizon) => {
  const lastSeason = training.slice(-SEASON_DAYS);
  return Array.from({ length: horizon }, (_, offset) => lastSeason[(offset % lastSeason.length)] ?? 0);
};

/** Flat mean of the last four weeks: what a buyer does with a spreadsheet. */
export const recentMeanForecaster: Forecaster = (training, horizon) => {
  const recent = training.slice(-28);
  const level = recent.length === 0 ? 0 : recent.reduce((total, value) => total + value, 0) / recent.length;
  return new Array<number>(horizon).fill(level);
};

export interface ErrorTally {
  readonly points: number;
  readonly absoluteError: number;
  readonly actualTotal: number;
  readonly percentErrorTotal: number;
  readonly nonZeroPoints: number;
  readonly symmetricErrorTotal: number;
}

export const EMPTY_TALLY: ErrorTally = { points: 0, absoluteError: 0, actualTotal: 0, percentErrorTotal: 0, nonZeroPoints: 0, symmetricErrorTotal: 0 };

export function tallyErrors(tally: ErrorTally, forecasts: readonly number[], actuals: readonly number[]): ErrorTally {
  let { points, absoluteError, actualTotal, percentErrorTotal, nonZeroPoints, symmetricErrorTotal } = tally;
  actuals.forEach((actual, index) => {
    const forecast = Math.max(0, forecasts[index] ?? 0);
    const error = Math.abs(forecast - actual);
    points++;
    absoluteError += error;
    actualTotal += actual;
    if (actual > 0) {
      percentErrorTotal += error / actual;
      nonZeroPoints++;
    }
    if (forecast + actual > 0) symmetricErrorTotal += (2 * error) / (forecast + actual);
  });
  return { points, absoluteError, actualTotal, percentErrorTotal, nonZeroPoints, symmetricErrorTotal };
}

export function mergeTallies(tallies: readonly ErrorTally[]): ErrorTally {
  return tallies.reduce(
    (total, tally) => ({
      points: total.points + tally.points,
      absoluteError: total.absoluteError + tally.absoluteError,
      actualTotal: total.actualTotal + tally.actualTotal,
      percentErrorTotal: total.percentErrorTotal + tally.percentErrorTotal,
      nonZeroPoints: total.nonZeroPoints + tally.nonZeroPoints,
      symmetricErrorTotal: total.symmetricErrorTotal + tally.symmetricErrorTotal,
    }),
    EMPTY_TALLY,
  );
}

export interface ForecastErrors {
  /** Percentages; null where undefined (no non-zero day for MAPE, no demand at all for WAPE). */
  readonly mapePercent: number | null;
  readonly smapePercent: number | null;
  readonly wapePercent: number | null;
  readonly points: number;
  readonly nonZeroPoints: number;
}

export function errorsOf(tally: ErrorTally): ForecastErrors {
  return {
    mapePercent: tally.nonZeroPoints === 0 ? null : (100 * tally.percentErrorTotal) / tally.nonZeroPoints,
    smapePercent: tally.points === 0 ? null : (100 * tally.symmetricErrorTotal) / tally.points,
    wapePercent: tally.actualTotal === 0 ? null : (100 * tally.absoluteError) / tally.actualTotal,
    points: tally.points,
    nonZeroPoints: tally.nonZeroPoints,
  };
}

export interface BacktestOptions {
  readonly horizonDays?: number;
  readonly origins?: number;
  readonly stepDays?: number;
  /** An origin needs at least this much history before it (default four weeks). */
  readonly minimumTrainingDays?: number;
  /** Forecasters see at most this many days before the origin, as the platform does (default all). */
  readonly maximumTrainingDays?: number;
}

export interface BacktestResult<K extends string> {
  readonly origins: number;
  readonly tallies: Record<K, ErrorTally>;
}

/**
 * The last origin leaves exactly one horizon to compare; earlier ones step back `stepDays` at a
 * time. Null when the series is too short for even one origin.
 */
export function rollingOriginBacktest<K extends string>(series: readonly number[], forecasters: Record<K, Forecaster>, options: BacktestOptions = {}): BacktestResult<K> | null {
  const horizon = options.horizonDays ?? 14;
  const step = options.stepDays ?? SEASON_DAYS;
  const minimumTraining = options.minimumTrainingDays ?? 28;
  const origins: number[] = [];
  for (let index = 0; index < (options.origins ?? 8); index++) {
    const origin = series.length - horizon - index * step;
    if (origin < minimumTraining) break;
    origins.push(origin);
  }
  if (origins.length === 0) return null;
  const names = Object.keys(forecasters) as K[];
  const tallies = Object.fromEntries(names.map((name) => [name, EMPTY_TALLY])) as Record<K, ErrorTally>;
  for (const origin of origins) {
    const training = series.slice(Math.max(0, origin - (options.maximumTrainingDays ?? origin)), origin);
    const actuals = series.slice(origin, origin + horizon);
    for (const name of names) tallies[name] = tallyErrors(tallies[name], forecasters[name](training, horizon), actuals);
  }
  return { origins: origins.length, tallies };
}
