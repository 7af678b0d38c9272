package com.forexdiffusion.forecast.metrics;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * Histogram of PIT values in equal bins over [0, 1] with Pearson's chi-square test of uniformity: a calibrated
 * forecaster gives a flat histogram (p-value not small); a U shape means intervals too narrow, a hump too wide.
 */
public record PitHistogram(long[] counts, double chiSquare, double pValue) {
    public static final int DEFAULT_BINS = 10;

    public static PitHistogram of(double[] pits, int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("at least two bins, got " + bins);
        }
        long[] counts = new long[bins];
        for (double p : pits) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("PIT value outside [0, 1]: " + p);
            }
            counts[Math.min(bins - 1, (int) (p * bins))]++;
        }
        int n = pits.length;
        if (n == 0) {
            return new PitHistogram(counts, Double.NaN, Double.NaN);
        }
        double expected = (double) n / bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        double p = 1 - new ChiSquaredDistribution(bins - 1).cumulativeProbability(chi2);
        return new PitHistogram(counts, chi2, p);
    }
}
