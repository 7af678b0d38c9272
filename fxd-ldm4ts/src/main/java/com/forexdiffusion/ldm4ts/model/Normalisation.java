package com.forexdiffusion.ldm4ts.model;

import java.util.List;

/**
 * Statistics fitted on the training split only and stored with the checkpoint.
 *
 * @param targetMean  mean log return per horizon
 * @param targetStd   std of the log return per horizon
 * @param returnMean  mean one-bar log return of the inputs
 * @param returnStd   std of the one-bar log return of the inputs
 * @param latentScale the factor that brings the VAE latents to unit variance on train windows
 */
public record Normalisation(List<Double> targetMean, List<Double> targetStd, double returnMean, double returnStd,
                            double latentScale) {
    public Normalisation {
        targetMean = List.copyOf(targetMean);
        targetStd = List.copyOf(targetStd);
        if (targetMean.size() != targetStd.size()) {
            throw new IllegalArgumentException("target mean and std have different lengths");
        }
        for (double s : targetStd) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("target std must be positive, got " + s);
            }
        }
        if (!(returnStd > 0) || !(latentScale > 0)) {
            throw new IllegalArgumentException("return std and latent scale must be positive");
        }
    }

    public Normalisation withLatentScale(double s) {
        return new Normalisation(targetMean, targetStd, returnMean, returnStd, s);
    }
}
