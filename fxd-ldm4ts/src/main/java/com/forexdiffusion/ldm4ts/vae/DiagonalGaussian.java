package com.forexdiffusion.ldm4ts.vae;

import ai.djl.ndarray.NDArray;

/**
 * The VAE posterior N(mean, diag(exp(logvar))), logvar clamped to [−30, 20] as diffusers does.
 *
 * @param mean   [B, C, h, w]
 * @param logvar [B, C, h, w]
 */
public record DiagonalGaussian(NDArray mean, NDArray logvar) {

    /** Splits the encoder's 2C output channels into mean and log-variance. */
    public static DiagonalGaussian of(NDArray moments) {
        long c = moments.getShape().get(1) / 2;
        NDArray mean = moments.get(":," + 0 + ":" + c);
        NDArray logvar = moments.get(":," + c + ":" + 2 * c).clip(-30f, 20f);
        return new DiagonalGaussian(mean, logvar);
    }

    /** mean + std · ε for the given standard normal ε of the same shape. */
    public NDArray sample(NDArray standardNormal) {
        return mean.add(logvar.mul(0.5f).exp().mul(standardNormal));
    }

    /** KL(q ‖ N(0, I)) per example, summed over latent elements: ½ Σ (μ² + σ² − 1 − log σ²). */
    public NDArray kl() {
        return mean.square().add(logvar.exp()).sub(1f).sub(logvar).mul(0.5f).sum(new int[] {1, 2, 3});
    }
}
