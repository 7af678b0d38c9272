package com.forexdiffusion.ldm4ts.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * Forecast quality on validation windows, in log-return units: the first horizon's figures at the top level (as
 * older checkpoints have them) and every horizon's in {@code horizons}, keyed by minutes.
 *
 * @param mse                 mean squared error of the forecast mean
 * @param mae                 mean absolute error of the forecast mean
 * @param directionalAccuracy share of windows whose forecast sign matches the realised sign (zero moves left out)
 * @param zeroReturnMse       MSE of the zero-return forecast on the same windows
 * @param windows             windows evaluated
 * @param horizons            per horizon (minutes as text), in the model's order; empty in older checkpoints
 */
public record ValidationMetrics(double mse, double mae,
                                @JsonProperty("directional_accuracy") double directionalAccuracy,
                                @JsonProperty("zero_return_mse") double zeroReturnMse, long windows,
                                Map<String, HorizonValidation> horizons) {
    public ValidationMetrics {
        horizons = horizons == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(horizons));
    }

    /** MSE relative to the zero-return forecast (below 1 beats it). */
    public double mseRatio() {
        return mse / zeroReturnMse;
    }
}
