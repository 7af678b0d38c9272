package com.forexdiffusion.trading.skill;

import com.forexdiffusion.forecast.metrics.ScoringRules;
import org.hipparchus.special.Erf;

/**
 * The CRPS (in prices) of one horizon's forecast at its outcome, by the evaluation's own {@link ScoringRules#crps}.
 * The engine's forecasts keep no samples (a backtest holds a forecast per bar, and the forecast cache stores none),
 * so a forecast is scored as the normal N(mean, σ) it is traded as (strength = |Δ|/σ, u = σ/price), represented by
 * its quantiles at the midpoints (k + ½)/M of M = 200 equal-probability bins: the exact CRPS of that ensemble, close
 * to the normal's closed form (a test bounds the difference). The random walk is scored the same way, so the ratio
 * compares two distributions of the same kind; a point forecast (σ = 0) scores |mean − outcome|.
 */
public final class ForecastCrps {
    static final int GRID = 200;
    private static final double[] STANDARD = new double[GRID];

    static {
        for (int k = 0; k < GRID; k++) {
            STANDARD[k] = Math.sqrt(2) * Erf.erfInv(2 * ((k + 0.5) / GRID) - 1);
        }
    }

    private ForecastCrps() {
    }

    /** The CRPS of N(mean, σ) at {@code outcome} through its quantile ensemble. */
    public static double normal(double mean, double sigma, double outcome) {
        if (sigma == 0) {
            return Math.abs(mean - outcome);
        }
        double[] x = new double[GRID];
        for (int k = 0; k < GRID; k++) {
            x[k] = mean + sigma * STANDARD[k];
        }
        return ScoringRules.crps(x, outcome);
    }
}
