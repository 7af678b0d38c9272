package com.forexdiffusion.ldm4ts.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Forecast quality of one horizon on the validation windows, in log-return units, from the raw Monte Carlo samples
 * (no conformal step).
 *
 * @param mse                 mean squared error of the sample mean
 * @param mae                 mean absolute error of the sample mean
 * @param directionalAccuracy share of windows whose mean's sign matches the realised sign (zero moves left out)
 * @param zeroReturnMse       MSE of the zero-return forecast on the same windows
 * @param mseRatio            mse / zeroReturnMse (below 1 beats the random walk)
 * @param crps                mean CRPS of the samples' empirical distribution
 * @param coverage90          share of outcomes inside the samples' [q05, q95]
 * @param meanStd             mean standard deviation of the samples
 */
public record HorizonValidation(double mse, double mae,
                                @JsonProperty("directional_accuracy") double directionalAccuracy,
                                @JsonProperty("zero_return_mse") double zeroReturnMse,
                                @JsonProperty("mse_ratio") double mseRatio, double crps, double coverage90,
                                @JsonProperty("mean_std") double meanStd) {
}
