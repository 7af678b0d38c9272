package com.forexdiffusion.forecast.metrics;

import org.hipparchus.special.Erf;

import java.util.Arrays;

/**
 * Proper scoring rules and calibration measures for one forecast and one outcome. Every function works on
 * the same units as its inputs (log returns or prices).
 */
public final class ScoringRules {
    private ScoringRules() {
    }

    /**
     * CRPS of the empirical distribution of {@code samples} at outcome y, in the energy form
     * E|X − y| − ½ E|X − X'|, exact for the empirical distribution. O(n log n): after sorting,
     * Σ_i Σ_j |x_i − x_j| = 2 Σ_k x_(k) (2k − n + 1).
     */
    public static double crps(double[] samples, double y) {
        int n = samples.length;
        if (n == 0) {
            throw new IllegalArgumentException("CRPS needs at least one sample");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        double absErr = 0;
        double spread = 0;
        for (int k = 0; k < n; k++) {
            absErr += Math.abs(s[k] - y);
            spread += s[k] * (2.0 * k - n + 1);
        }
        return absErr / n - spread / ((double) n * n);
    }

    /**
     * CRPS of the normal N(μ, σ) at y in closed form (Gneiting and Raftery 2007): σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π]
     * with z = (y − μ) / σ, and |y − μ| for σ = 0. What {@link #crps} gives for samples of that normal as they grow,
     * without drawing or sorting any: the engine's skill gate scores a forecast per bar with it.
     */
    public static double crpsNormal(double mean, double sigma, double y) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("σ must be >= 0, got " + sigma);
        }
        if (sigma == 0) {
            return Math.abs(y - mean);
        }
        double z = (y - mean) / sigma;
        double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        return sigma * (z * (2 * cdf - 1) + 2 * pdf - 1 / Math.sqrt(Math.PI));
    }

    /** Pinball (quantile) loss of predicting q for level τ when y happened. */
    public static double pinball(double q, double tau, double y) {
        if (tau <= 0 || tau >= 1) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + tau);
        }
        return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
    }

    /** Whether y lies in the closed interval [lo, hi]. */
    public static boolean covered(double lo, double hi, double y) {
        return y >= lo && y <= hi;
    }

    /**
     * Probability integral transform of y under the empirical distribution of the samples: the share below y
     * plus half the share equal to it (the mid-distribution value, so ties do not bias the histogram).
     */
    public static double pit(double[] samples, double y) {
        int below = 0;
        int equal = 0;
        for (double x : samples) {
            if (x < y) {
                below++;
            } else if (x == y) {
                equal++;
            }
        }
        return (below + 0.5 * equal) / samples.length;
    }
}
