package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.ldm4ts.scheduler.BetaSchedule;
import com.forexdiffusion.ldm4ts.scheduler.DdimScheduler;
import com.forexdiffusion.ldm4ts.scheduler.DdpmScheduler;
import com.forexdiffusion.ldm4ts.scheduler.NoiseScheduler;

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
 */
public record DiffusionConfig(int trainTimesteps, BetaSchedule betaSchedule, String sampler, int samplingSteps,
                              double eta, double strength) {
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
    }

    public static DiffusionConfig of(int samplingSteps) {
        return new DiffusionConfig(DdpmScheduler.DEFAULT_STEPS, BetaSchedule.COSINE, "ddim", samplingSteps, 1.0, 0.5);
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
        return java.util.Arrays.copyOfRange(all, first, all.length);
    }
}
