import { describe, expect, it } from 'vitest';
import { errorsOf, EMPTY_TALLY, holtWintersForecaster, recentMeanForecaster, rollingOriginBacktest, seasonalNaiveForecaster, tallyErrors } from './backtest.ts';
import { fitForecastModel } from './forecaster.ts';

/** A deterministic pseudo-random stream (a linear congruential generator), so the test never flakes. */
function randomStream(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Weekly demand with a weekend peak, a slow upward drift and noise of about ±6 units a day. */
function weeklySeries(weeks: number, seed = 7): number[] {
  const pattern = [20, 22, 25, 30, 45, 60, 40];
  const random = randomStream(seed);
  return Array.from({ length: weeks * 7 }, (_, day) => {
    const noise = (random() + random() + random() - 1.5) * 8;
    return Math.max(0, Math.round(pattern[day % 7]! + day * 0.05 + noise));
  });
}

describe('error measures', () => {
  it('computes MAPE on non-zero days, sMAPE and WAPE on every day', () => {
    const tally = tallyErrors(EMPTY_TALLY, [2, 0, 5, 3], [4, 0, 5, 0]);
    const errors = errorsOf(tally);
    // |F−A| = 2, 0, 0, 3. MAPE over A>0: (2/4 + 0/5) / 2 = 25 %. sMAPE: (4/6 + 0 + 0 + 2) / 4 = 66.7 %. WAPE: 5 / 9 = 55.6 %.
    expect(errors.mapePercent).toBeCloseTo(25, 10);
    expect(errors.smapePercent).toBeCloseTo((100 * (4 / 6 + 2)) / 4, 10);
    expect(errors.wapePercent).toBeCloseTo((100 * 5) / 9, 10);
    expect(errors).toMatchObject({ points: 4, nonZeroPoints: 2 });
    expect(errorsOf(tallyErrors(EMPTY_TALLY, [1], [0]))).toMatchObject({ mapePercent: null, wapePercent: null, smapePercent: 200 });
  });
});

describe('rolling-origin backtest on a synthetic weekly-seasonal series', () => {
  const series = weeklySeries(20);
  const forecasters = { holtWinters: holtWintersForecaster, seasonalNaive: seasonalNaiveForecaster, recentMean: recentMeanForecaster };

  it('finds Holt-Winters more accurate than both seasonal-naive and a flat mean', () => {
    const result = rollingOriginBacktest(series, forecasters, { horizonDays: 14, origins: 8 });
    expect(result!.origins).toBe(8);
    const wape = (name: keyof typeof forecasters) => errorsOf(result!.tallies[name]).wapePercent!;
    const mape = (name: keyof typeof forecasters) => errorsOf(result!.tallies[name]).mapePercent!;
    expect(wape('holtWinters')).toBeLessThan(wape('seasonalNaive'));
    expect(wape('holtWinters')).toBeLessThan(wape('recentMean'));
    expect(mape('holtWinters')).toBeLessThan(mape('seasonalNaive'));
    expect(mape('holtWinters')).toBeLessThan(mape('recentMean'));
    // Not merely better than weak baselines: within the noise's own size (≈ 4 units on ≈ 35 a day).
    expect(wape('holtWinters')).toBeLessThan(15);
  });

  it('learns the weekly shape: the fitted season peaks on the sixth day of the pattern', () => {
    const model = fitForecastModel(series);
    expect(model.method).toBe('holt_winters');
    const phaseOfPeak = model.state.seasonal.indexOf(Math.max(...model.state.seasonal));
    expect(phaseOfPeak).toBe(5);
  });

  it('needs four weeks before the first origin', () => {
    expect(rollingOriginBacktest(weeklySeries(5), forecasters, { horizonDays: 14 })).toBeNull();
    expect(rollingOriginBacktest(weeklySeries(6), forecasters, { horizonDays: 14 })!.origins).toBe(1);
  });
});
