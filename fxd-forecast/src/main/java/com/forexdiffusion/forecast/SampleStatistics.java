package com.forexdiffusion.forecast;

import com.forexdiffusion.core.Horizon;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Summaries of Monte Carlo samples: mean, unbiased standard deviation and quantiles, all on prices. A forecast's
 * quantiles are predictive ({@link #predictiveQuantileSorted}); {@link #quantileSorted} (numpy's default) is for
 * describing observed values such as latencies.
 */
public final class SampleStatistics {
    private SampleStatistics() {
    }

    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Unbiased (n − 1) standard deviation; 0 for a single sample. */
    public static double std(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Quantile of already sorted values, interpolated at the 0-based position (n − 1)·p (numpy's default). */
    public static double quantileSorted(double[] sorted, double p) {
        checkLevel(p);
        return interpolate(sorted, (sorted.length - 1) * p);
    }

    /**
     * Quantile of n sorted draws read as a prediction for one more draw: the 1-based position (n + 1)·p
     * (Hyndman and Fan's type 6), clamped to the extreme draws. A new outcome exchangeable with the draws falls at
     * or below the k-th of them with probability k/(n + 1), so [q05, q95] covers it 90 % of the time; at numpy's
     * position it would cover (n − 1)·0.9/(n + 1), 86.5 % for 50 draws, however well the draws follow the law.
     */
    public static double predictiveQuantileSorted(double[] sorted, double p) {
        checkLevel(p);
        double h = (sorted.length + 1) * p - 1;
        return interpolate(sorted, Math.max(0, Math.min(sorted.length - 1, h)));
    }

    private static void checkLevel(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
        }
    }

    private static double interpolate(double[] sorted, double h) {
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The forecast of one horizon from sampled log returns r: prices are lastClose · exp(r), and every statistic
     * is taken over those prices.
     */
    public static HorizonForecast fromLogReturns(Horizon horizon, long targetTime, double lastClose,
                                                 double[] logReturns, double[] levels, boolean keepSamples) {
        double[] prices = new double[logReturns.length];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = lastClose * Math.exp(logReturns[i]);
        }
        return fromPrices(horizon, targetTime, prices, levels, keepSamples);
    }

    public static HorizonForecast fromPrices(Horizon horizon, long targetTime, double[] prices, double[] levels,
                                             boolean keepSamples) {
        if (prices.length == 0) {
            throw new IllegalArgumentException("no samples for horizon " + horizon);
        }
        double[] sorted = prices.clone();
        Arrays.sort(sorted);
        TreeMap<Double, Double> q = new TreeMap<>();
        for (double level : HorizonForecast.DEFAULT_LEVELS) {
            q.put(level, predictiveQuantileSorted(sorted, level));
        }
        for (double level : levels) {
            q.put(level, predictiveQuantileSorted(sorted, level));
        }
        return new HorizonForecast(horizon, targetTime, mean(prices), std(prices), q,
                keepSamples ? prices.clone() : null);
    }
}
