package com.forexdiffusion.ldm4ts.model;

import java.util.List;

/**
 * Statistics fitted on the training split only and stored with the checkpoint.
 *
 * @param targetMean  the offset subtracted from the log return per horizon: 0 in new models (the drift of the
 *                    training months is not the future's, so none is added back), the training mean in older ones
 * @param targetStd   the scale of the log return per horizon (its root mean square on train in new models)
 * @param returnMean  mean one-bar log return of the inputs
 * @param returnStd   std of the one-bar log return of the inputs
 * @param latentScale the factor that brings the VAE latents to unit variance on train windows
 * @param session     the training split's intraday volatility profile; null in older checkpoints and where unused
 */
public record Normalisation(List<Double> targetMean, List<Double> targetStd, double returnMean, double returnStd,
                            double latentScale, SessionProfile session) {
    /** Without a session profile. */
    public Normalisation(List<Double> targetMean, List<Double> targetStd, double returnMean, double returnStd,
                         double latentScale) {
        this(targetMean, targetStd, returnMean, returnStd, latentScale, null);
    }

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

    /** A target (log return at horizon k) in the model's scaled units. */
    public double scaleTarget(int k, double logReturn) {
        return (logReturn - targetMean.get(k)) / targetStd.get(k);
    }

    /** The log return at horizon k of a value in the model's scaled units. */
    public double logReturn(int k, double scaled) {
        return scaled * targetStd.get(k) + targetMean.get(k);
    }

    public Normalisation withLatentScale(double s) {
        return new Normalisation(targetMean, targetStd, returnMean, returnStd, s, session);
    }

    public Normalisation withSession(SessionProfile p) {
        return new Normalisation(targetMean, targetStd, returnMean, returnStd, latentScale, p);
    }
}
