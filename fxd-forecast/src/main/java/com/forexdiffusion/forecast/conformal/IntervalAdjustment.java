package com.forexdiffusion.forecast.conformal;

import com.forexdiffusion.forecast.HorizonForecast;

import java.util.TreeMap;

/**
 * Widens (or narrows) a forecast's [q05, q95] interval by a margin Q on each side, as conformalised quantile
 * regression does. The rest of the distribution is stretched around the median by the same width ratio, so
 * other quantiles, σ and samples stay consistent with the new interval; the mean is left as forecast.
 */
final class IntervalAdjustment {
    private IntervalAdjustment() {
    }

    /** CQR nonconformity: how far y falls outside [q05, q95] (negative inside). */
    static double score(HorizonForecast f, double y) {
        return Math.max(f.q05() - y, y - f.q95());
    }

    /** z of the 95% level: the half width of a normal 90% interval in σ. */
    private static final double Z95 = 1.6448536269514722;

    static HorizonForecast widen(HorizonForecast f, double margin) {
        double median = f.q50();
        double width = f.q95() - f.q05();
        double newWidth = Math.max(width + 2 * margin, 0);
        if (width <= 0) {
            return fromPoint(f, newWidth / 2);
        }
        double k = width > 0 ? newWidth / width : 1;
        TreeMap<Double, Double> q = new TreeMap<>();
        f.quantiles().forEach((level, v) -> q.put(level, median + (v - median) * k));
        double[] samples = null;
        if (f.samples() != null) {
            samples = new double[f.samples().length];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = median + (f.samples()[i] - median) * k;
            }
        }
        return new HorizonForecast(f.horizon(), f.targetTime(), f.mean(), f.std() * k, q, samples);
    }

    /**
     * A point forecast (all quantiles equal: a deterministic model) has no shape to stretch: the calibrated interval
     * is the point ± the margin, and the other quantiles and σ are those of a normal with that 90% interval. Its
     * samples stay the point they were.
     */
    private static HorizonForecast fromPoint(HorizonForecast f, double half) {
        double median = f.q50();
        org.hipparchus.distribution.continuous.NormalDistribution n =
                new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
        TreeMap<Double, Double> q = new TreeMap<>();
        f.quantiles().keySet().forEach(level -> q.put(level, median + half * n.inverseCumulativeProbability(level) / Z95));
        return new HorizonForecast(f.horizon(), f.targetTime(), f.mean(), half / Z95, q, f.samples());
    }

    /** The finite-sample conformal quantile: the ⌈(n + 1)(1 − α)⌉-th smallest score (∞ when n is too small). */
    static double conformalQuantile(double[] sortedScores, double alpha) {
        int n = sortedScores.length;
        int rank = (int) Math.ceil((n + 1) * (1 - alpha));
        if (rank > n) {
            return Double.POSITIVE_INFINITY;
        }
        return sortedScores[Math.max(rank, 1) - 1];
    }
}
