package com.forexdiffusion.ldm4ts.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Forecast quality of the first horizon on validation windows, in log-return units.
 *
 * @param mse                 mean squared error of the forecast mean
 * @param mae                 mean absolute error of the forecast mean
 * @param directionalAccuracy share of windows whose forecast sign matches the realised sign (zero moves left out)
 * @param zeroReturnMse       MSE of the zero-return forecast on the same windows
 * @param windows             windows evaluated
 */
public record ValidationMetrics(double mse, double mae,
                                @JsonProperty("directional_accuracy") double directionalAccuracy,
                                @JsonProperty("zero_return_mse") double zeroReturnMse, long windows) {

    /** MSE relative to the zero-return forecast (below 1 beats it). */
    public double mseRatio() {
        return mse / zeroReturnMse;
    }
}
