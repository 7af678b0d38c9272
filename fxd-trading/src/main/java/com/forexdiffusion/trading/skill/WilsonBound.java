package com.forexdiffusion.trading.skill;

import org.hipparchus.special.Erf;

/**
 * The lower end of the two-sided Wilson score interval of a binomial proportion (Wilson 1927), the bound the
 * evaluation's {@code DirectionalAccuracy} reports at 95%: unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and is
 * not overconfident with few calls, which is exactly when a rolling record is short.
 */
public final class WilsonBound {
    private WilsonBound() {
    }

    /** z of the two-sided interval at {@code confidence}: Φ⁻¹(1 − (1 − c) / 2) = √2 · erf⁻¹(c). */
    public static double z(double confidence) {
        return Math.sqrt(2) * Erf.erfInv(confidence);
    }

    /** The lower bound for {@code hits} of {@code n}; NaN without a single trial. */
    public static double lower(long hits, long n, double confidence) {
        return lowerAtZ(hits, n, z(confidence));
    }

    /** The same with z given (a caller asking at every bar computes it once). */
    public static double lowerAtZ(long hits, long n, double z) {
        if (hits < 0 || hits > n) {
            throw new IllegalArgumentException(hits + " hits of " + n);
        }
        if (n == 0) {
            return Double.NaN;
        }
        double p = (double) hits / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0, (centre - half) / (1 + z2 / n));
    }
}
