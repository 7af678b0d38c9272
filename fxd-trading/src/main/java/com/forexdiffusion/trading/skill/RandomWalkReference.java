package com.forexdiffusion.trading.skill;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.baseline.EwmaVolatility;
import com.forexdiffusion.forecast.baseline.LognormalForecast;

/**
 * The random walk the gate judges against: exactly the forecast of the project's rw-ewma baseline
 * ({@code RandomWalkForecaster.ewma(lookback, λ)}) for the lookback window ending at the decision bar, built from the
 * same parts (its EWMA variance, its lognormal martingale), but over log returns kept once per series instead of
 * recomputed for every window (one bar's forecast otherwise costs a few hundred logarithms). A return is computed
 * only when a window ending at or after its bar asks for it, so nothing after the decision bar is read.
 */
final class RandomWalkReference {
    private final int lookback;
    private final double lambda;
    private BarSeries series;
    private double[] returns = new double[0];
    private int known;

    RandomWalkReference(int lookback, double lambda) {
        this.lookback = lookback;
        this.lambda = lambda;
    }

    /** rw-ewma's forecast at {@code h} for the {@code lookback} bars of {@code s} ending at {@code index}. */
    HorizonForecast at(BarSeries s, int index, Horizon h) {
        int from = Math.max(0, index - lookback + 1);
        if (index - from < 1) {
            throw new IllegalArgumentException("the random walk needs at least 2 bars, got " + (index - from + 1));
        }
        extendTo(s, index);
        double variance = EwmaVolatility.nextVariance(returns, from + 1, index + 1, lambda) * h.bars(s.timeframe());
        double sigma = Math.sqrt(variance);
        return LognormalForecast.of(h, s.ts(index) + h.minutes() * 60_000L, s.close(index), -0.5 * variance, sigma,
                new double[0], null, 0, false);
    }

    /** returns[i] = ln(close_i / close_{i−1}) for every i <= index; a new series (a paper refresh) starts afresh. */
    private void extendTo(BarSeries s, int index) {
        if (s != series) {
            series = s;
            known = 1;
            returns = new double[Math.max(16, s.size())];
        }
        if (index >= returns.length) {
            returns = java.util.Arrays.copyOf(returns, Math.max(index + 1, 2 * returns.length));
        }
        for (; known <= index; known++) {
            returns[known] = Math.log(s.close(known) / s.close(known - 1));
        }
    }
}
