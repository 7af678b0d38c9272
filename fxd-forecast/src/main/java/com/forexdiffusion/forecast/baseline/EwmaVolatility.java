package com.forexdiffusion.forecast.baseline;

/**
 * RiskMetrics exponentially weighted volatility: σ²_t = λ σ²_{t−1} + (1 − λ) r²_{t−1}, started from the mean
 * square of the first returns. Returns the one-step-ahead variance after the last return.
 */
public final class EwmaVolatility {
    static final int SEED_RETURNS = 30;

    private EwmaVolatility() {
    }

    static double nextVariance(double[] returns, double lambda) {
        return nextVariance(returns, 0, returns.length, lambda);
    }

    /**
     * The same over {@code returns[from, to)}: a caller that keeps a series' returns (the skill gate's random walk,
     * one per bar) need not copy the window.
     */
    public static double nextVariance(double[] returns, int from, int to, double lambda) {
        if (to <= from) {
            throw new IllegalArgumentException("EWMA volatility needs at least one return");
        }
        int seed = Math.min(SEED_RETURNS, to - from);
        double var = 0;
        for (int i = from; i < from + seed; i++) {
            var += returns[i] * returns[i];
        }
        var /= seed;
        for (int i = from + seed; i < to; i++) {
            var = lambda * var + (1 - lambda) * returns[i] * returns[i];
        }
        return var;
    }
}
