package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.ldm4ts.scheduler.BetaSchedule;
import com.forexdiffusion.ldm4ts.scheduler.DdimScheduler;
import com.forexdiffusion.ldm4ts.scheduler.DdpmScheduler;
import com.forexdiffusion.ldm4ts.scheduler.NoiseScheduler;

import java.util.Arrays;

/**
 * The diffusion settings.
 *
 * @param trainTimesteps T (1000)
 * @param betaSchedule   cosine (squaredcos_cap_v2) by default
 * @param sampler        "ddim" or "ddpm" (ancestral)
 * @param samplingSteps  inference steps over the whole range T
 * @param eta            DDIM η (0 = deterministic given the start noise)
 * @param strength       fraction of T the known latent is noised to before it is denoised at inference (the
 *                       reconstruction reading of the paper: the window's own latent, not a generated image)
 * @param draws          distinct diffusion noises per window; the S samples share them in turn and differ by the
 *                       sample head's noise. 0 (checkpoints made before the sample head) = one per sample
 * @param skipZeroStep   leave out a final step at t = 0 when it is not the only one: the step before it already
 *                       ends at x̂0 (ᾱ = 1), so a one-step reconstruction is one U-Net pass
 */
public record DiffusionConfig(int trainTimesteps, BetaSchedule betaSchedule, String sampler, int samplingSteps,
                              double eta, double strength, int draws, boolean skipZeroStep) {
    public DiffusionConfig {
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("diffusion strength must be in (0, 1], got " + strength);
        }
        if (!"ddim".equals(sampler) && !"ddpm".equals(sampler)) {
            throw new IllegalArgumentException("sampler must be ddim or ddpm, got " + sampler);
        }
        if (samplingSteps < 1 || samplingSteps > trainTimesteps) {
            throw new IllegalArgumentException("sampling steps must be in [1, " + trainTimesteps + "], got " + samplingSteps);
        }
        if (draws < 0) {
            throw new IllegalArgumentException("diffusion draws per window must not be negative, got " + draws);
        }
    }

    /** The pre-sample-head path: {@code samplingSteps} DDIM steps from strength 0.5, one diffusion noise per sample. */
    public static DiffusionConfig of(int samplingSteps) {
        return new DiffusionConfig(DdpmScheduler.DEFAULT_STEPS, BetaSchedule.COSINE, "ddim", samplingSteps, 1.0, 0.5, 0,
                false);
    }

    /**
     * One-step reconstruction: the latent noised to t = 500 (ᾱ ≈ 0.5 on the cosine schedule), one U-Net pass to x̂0,
     * one diffusion noise per window; the samples come from the sample head.
     */
    public static DiffusionConfig oneStep() {
        return new DiffusionConfig(DdpmScheduler.DEFAULT_STEPS, BetaSchedule.COSINE, "ddim", 2, 0.0, 0.6, 1, true);
    }

    public DiffusionConfig withDraws(int d) {
        return new DiffusionConfig(trainTimesteps, betaSchedule, sampler, samplingSteps, eta, strength, d, skipZeroStep);
    }

    public DiffusionConfig withSamplingSteps(int n) {
        return new DiffusionConfig(trainTimesteps, betaSchedule, sampler, n, eta, strength, draws, skipZeroStep);
    }

    public NoiseScheduler scheduler() {
        return "ddim".equals(sampler) ? new DdimScheduler(trainTimesteps, betaSchedule, eta)
                : new DdpmScheduler(trainTimesteps, betaSchedule);
    }

    /** The inference timesteps at or below strength · T, descending. */
    public int[] inferenceTimesteps(NoiseScheduler s) {
        int[] all = s.timesteps(samplingSteps);
        int limit = (int) Math.floor(strength * trainTimesteps) - 1;
        int first = 0;
        while (first < all.length - 1 && all[first] > limit) {
            first++;
        }
        int last = all.length;
        if (skipZeroStep && last - first > 1 && all[last - 1] == 0) {
            last--;
        }
        return Arrays.copyOfRange(all, first, last);
    }

    /** Diffusion noises per window for S samples: {@code draws} when it divides S, else their greatest common divisor. */
    public int drawsFor(int samples) {
        if (draws == 0) {
            return samples;
        }
        int a = draws;
        int b = samples;
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
