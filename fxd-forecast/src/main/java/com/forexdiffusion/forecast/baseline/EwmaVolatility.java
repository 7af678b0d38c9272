package com.forexdiffusion.forecast.baseline;

/**
 * RiskMetrics exponentially weighted volatility: σ²_t = λ σ²_{t−1} + (1 − λ) r²_{t−1}, started from the mean
 * square of the first returns. Returns the one-step-ahead variance after the last return.
 */
final class EwmaVolatility {
    static final int SEED_RETURNS = 30;

    private EwmaVolatility() {
    }

    static double nextVariance(double[] returns, double lambda) {
        if (returns.length == 0) {
            throw new IllegalArgumentException("EWMA volatility needs at least one return");
        }
        int seed = Math.min(SEED_RETURNS, returns.length);
        double var = 0;
        for (int i = 0; i < seed; i++) {
            var += returns[i] * returns[i];
        }
        var /= seed;
        for (int i = seed; i < returns.length; i++) {
            var = lambda * var + (1 - lambda) * returns[i] * returns[i];
        }
        return var;
    }
}
