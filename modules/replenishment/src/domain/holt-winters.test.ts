import { describe, expect, it } from 'vitest';
import { forecastAhead, initialState, runHoltWinters, runSimpleSmoothing, updateState } from './holt-winters.ts';
import { fitForecastModel, forecastStandardDeviations, pointForecast, predictionIntervals } from './forecaster.ts';

describe('Holt-Winters recurrences, checked against a hand computation', () => {
  // Season of 2 so every number below can be worked on paper (all are exact binary fractions).
  const series = [10, 20, 12, 22, 14, 24];
  const parameters = { alpha: 0.5, beta: 0.5, gamma: 0.5 };

  it('starts from the first two seasons: level = first mean, trend = change of means per step, season = deviations', () => {
    expect(initialState(series, 2)).toEqual({ level: 15, trend: 1, seasonal: [-5, 5] });
    // The weekly case: weeks 1..7 and 8..14 give level 4, trend (11 − 4) / 7 = 1, and deviations −3..3.
    const twoWeeks = Array.from({ length: 14 }, (_, index) => index + 1);
    expect(initialState(twoWeeks)).toEqual({ level: 4, trend: 1, seasonal: [-3, -2, -1, 0, 1, 2, 3] });
    expect(() => initialState([1, 2, 3], 2)).toThrow(/two seasons/);
  });

  it('updates level, trend and season step by step', () => {
    const start = initialState(series, 2);
    // t0, phase 0: ŷ = 15 + 1 − 5 = 11; ℓ = .5(10 + 5) + .5(16) = 15.5; b = .5(0.5) + .5(1) = 0.75; s = .5(10 − 16) + .5(−5) = −5.5
    const first = updateState(start, 10, 0, parameters);
    expect(first).toEqual({ forecast: 11, error: -1, state: { level: 15.5, trend: 0.75, seasonal: [-5.5, 5] } });
    // t1, phase 1: ŷ = 15.5 + .75 + 5 = 21.25; ℓ = .5(15) + .5(16.25) = 15.625; b = .5(.125) + .5(.75) = .4375; s = .5(20 − 16.25) + .5(5) = 4.375
    const second = updateState(first.state, 20, 1, parameters);
    expect(second).toEqual({ forecast: 21.25, error: -1.25, state: { level: 15.625, trend: 0.4375, seasonal: [-5.5, 4.375] } });
    // t2, phase 0: ŷ = 15.625 + .4375 − 5.5 = 10.5625; ℓ = .5(17.5) + .5(16.0625) = 16.78125; b = .5(1.15625) + .5(.4375) = .796875;
    // s = .5(12 − 16.0625) + .5(−5.5) = −4.78125
    const third = updateState(second.state, 12, 2, parameters);
    expect(third).toEqual({ forecast: 10.5625, error: 1.4375, state: { level: 16.78125, trend: 0.796875, seasonal: [-4.78125, 4.375] } });
    // Ahead: index 3 (phase 1) = ℓ + b + s₁ = 21.953125; index 4 (phase 0) = ℓ + 2b + s₀ = 13.59375.
    expect(forecastAhead(third.state, 3, 2)).toEqual([21.953125, 13.59375]);
  });

  it('runs the same recurrences over a whole series', () => {
    const run = runHoltWinters(series.slice(0, 4), parameters, 2);
    expect(run.fitted.slice(0, 3)).toEqual([11, 21.25, 10.5625]);
    expect(run.final).toEqual(updateState(updateState(updateState(updateState(initialState(series, 2), 10, 0, parameters).state, 20, 1, parameters).state, 12, 2, parameters).state, 22, 3, parameters).state);
  });

  it('smooths without trend or season: ℓ = αy + (1 − α)ℓ from the first value', () => {
    const run = runSimpleSmoothing([10, 20, 14], 0.5);
    // ℓ0 = 10; ŷ1 = 10, ℓ1 = 15; ŷ2 = 15, ℓ2 = 14.5
    expect(run).toEqual({ fitted: [null, 10, 15], final: 14.5 });
  });
});

describe('model choice by history length', () => {
  it('gives zero with no history, the mean with two days, smoothing under two weeks, Holt-Winters from two weeks', () => {
    expect(fitForecastModel([])).toMatchObject({ method: 'none', sigmaDaily: 0 });
    expect(pointForecast(fitForecastModel([]), 3)).toEqual([0, 0, 0]);
    const mean = fitForecastModel([4, 2]);
    expect(mean).toMatchObject({ method: 'mean', sigmaDaily: Math.sqrt(3) });
    expect(pointForecast(mean, 2)).toEqual([3, 3]);
    expect(fitForecastModel([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]).method).toBe('simple_smoothing');
    expect(fitForecastModel(new Array(14).fill(5)).method).toBe('holt_winters');
  });

  it('picks a fast smoothing constant by grid search when the level has just stepped up', () => {
    const model = fitForecastModel([10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20, 20]);
    expect(model.method).toBe('simple_smoothing');
    expect(model.alpha).toBe(0.9);
    expect(pointForecast(model, 1)[0]).toBeGreaterThan(19.9);
  });

  it('never forecasts negative demand, and its interval widens with the horizon', () => {
    const falling = Array.from({ length: 28 }, (_, index) => Math.max(0, 30 - index * 2));
    const model = fitForecastModel(falling);
    expect(pointForecast(model, 30).every((value) => value >= 0)).toBe(true);
    const deviations = forecastStandardDeviations(model, 15);
    expect(deviations[0]).toBeCloseTo(model.sigmaDaily, 12);
    const c1 = model.alpha! * (1 + model.beta!);
    expect(deviations[1]).toBeCloseTo(model.sigmaDaily * Math.sqrt(1 + c1 * c1), 12);
    for (let index = 1; index < deviations.length; index++) expect(deviations[index]!).toBeGreaterThanOrEqual(deviations[index - 1]!);
    for (const interval of predictionIntervals(model, 15, 1.96)) expect(interval.lower).toBeLessThanOrEqual(interval.upper);
  });
});
