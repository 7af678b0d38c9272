package com.forexdiffusion.forecast;

import com.forexdiffusion.core.Horizon;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The predictive distribution of the close at one horizon, in prices of the quote currency.
 *
 * @param targetTime label (open time) of the bar whose close is forecast: t + horizon
 * @param quantiles  level to price, always holding 0.05, 0.5 and 0.95
 * @param samples    the Monte Carlo sample prices, or null when not kept
 */
public record HorizonForecast(Horizon horizon, long targetTime, double mean, double std,
                              NavigableMap<Double, Double> quantiles, double[] samples) implements java.io.Serializable {
    public static final double[] DEFAULT_LEVELS = {0.05, 0.5, 0.95};

    public HorizonForecast {
        for (double level : DEFAULT_LEVELS) {
            if (!quantiles.containsKey(level)) {
                throw new IllegalArgumentException("quantile " + level + " missing for horizon " + horizon);
            }
        }
        if (!Double.isFinite(mean) || !(std >= 0)) {
            throw new IllegalArgumentException("mean " + mean + " and std " + std + " must be finite and std >= 0");
        }
        double prev = Double.NEGATIVE_INFINITY;
        for (var q : quantiles.entrySet()) {
            // Crossing quantiles are a model bug that would silently invert intervals downstream.
            if (!(q.getValue() >= prev)) {
                throw new IllegalArgumentException("quantiles of horizon " + horizon + " decrease or are not finite at "
                        + "level " + q.getKey() + ": " + quantiles);
            }
            prev = q.getValue();
        }
        quantiles = Collections.unmodifiableNavigableMap(new TreeMap<>(quantiles));
    }

    public double q05() {
        return quantiles.get(0.05);
    }

    public double q50() {
        return quantiles.get(0.5);
    }

    public double q95() {
        return quantiles.get(0.95);
    }

    public double quantile(double level) {
        Double q = quantiles.get(level);
        if (q == null) {
            throw new IllegalArgumentException("no quantile at level " + level + " (have " + quantiles.keySet() + ")");
        }
        return q;
    }

    /** Δ = mean − last close. */
    public double change(double lastClose) {
        return mean - lastClose;
    }

    /** +1 (bull), −1 (bear) or 0 (no call) by the sign of Δ. */
    public int directionSign(double lastClose) {
        return (int) Math.signum(change(lastClose));
    }

    /** min(|Δ| / σ, 1), before any uncertainty penalty; a certain forecast of a move has strength 1. */
    public double strength(double lastClose) {
        double d = Math.abs(change(lastClose));
        return std > 0 ? Math.min(d / std, 1) : (d > 0 ? 1 : 0);
    }

    /** σ in percent of a price: u = 100 · σ / price (SPEC §1). */
    public double uncertaintyPct(double price) {
        return 100.0 * std / price;
    }
}
