package com.forexdiffusion.forecast.metrics;

/**
 * Share of forecasts whose sign matched the realised move, with a 95% Wilson score interval: with few forecasts
 * a 55% hit rate is indistinguishable from a coin, and the interval says so.
 */
public record DirectionalAccuracy(long hits, long n, double accuracy, double lower95, double upper95) {
    private static final double Z95 = 1.959963984540054;

    public static DirectionalAccuracy of(long hits, long n) {
        if (hits < 0 || hits > n) {
            throw new IllegalArgumentException(hits + " hits of " + n);
        }
        if (n == 0) {
            return new DirectionalAccuracy(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double p = (double) hits / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new DirectionalAccuracy(hits, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
