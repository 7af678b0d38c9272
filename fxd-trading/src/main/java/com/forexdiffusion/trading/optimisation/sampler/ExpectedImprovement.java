package com.forexdiffusion.trading.optimisation.sampler;

import org.hipparchus.special.Erf;

/** Expected improvement for minimisation: E[max(best − Y, 0)] for Y ~ N(mean, std²). */
public final class ExpectedImprovement {
    private ExpectedImprovement() {
    }

    /** (best − μ)Φ(z) + σφ(z) with z = (best − μ)/σ; max(best − μ, 0) when σ = 0. */
    public static double of(double mean, double std, double best) {
        double gain = best - mean;
        if (!(std > 1e-12)) {
            return Math.max(gain, 0);
        }
        double z = gain / std;
        double cdf = 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        return gain * cdf + std * pdf;
    }
}
