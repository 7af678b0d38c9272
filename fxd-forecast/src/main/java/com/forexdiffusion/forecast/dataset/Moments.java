package com.forexdiffusion.forecast.dataset;

/** Welford's running mean and population variance, for fitting {@link ScalingStats} in one pass. */
final class Moments {
    private long n;
    private double mean;
    private double m2;

    void add(double x) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
    }

    long count() {
        return n;
    }

    double mean() {
        return mean;
    }

    /** Population standard deviation, or 1 where the values are constant or absent (so it can divide). */
    double divisor() {
        if (n == 0) {
            return 1;
        }
        double sd = Math.sqrt(Math.max(0, m2 / n));
        return sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1;
    }

    static ScalingStats toStats(java.util.List<String> names, Moments[] m) {
        double[] mean = new double[m.length];
        double[] std = new double[m.length];
        long[] count = new long[m.length];
        for (int i = 0; i < m.length; i++) {
            mean[i] = m[i].mean();
            std[i] = m[i].divisor();
            count[i] = m[i].count();
        }
        return new ScalingStats(names, mean, std, count);
    }
}
