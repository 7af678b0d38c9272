package com.forexdiffusion.ldm4ts.scheduler;

import ai.djl.ndarray.NDArray;

/**
 * DDPM (Ho et al.): T training steps and the ancestral reverse step
 * x_prev = μ̃(x_t, x̂0) + √β̃ · z with β̃ = (1 − ᾱ_prev)/(1 − ᾱ_t) · β and β = 1 − ᾱ_t/ᾱ_prev, which also
 * covers strided steps. Also the base for {@link DdimScheduler}'s ᾱ table.
 */
public class DdpmScheduler implements NoiseScheduler {
    public static final int DEFAULT_STEPS = 1000;
    private final int steps;
    private final BetaSchedule schedule;
    private final double[] alphaBar;

    public DdpmScheduler(int trainTimesteps, BetaSchedule schedule) {
        if (trainTimesteps < 2) {
            throw new IllegalArgumentException("a diffusion needs at least 2 training timesteps, got " + trainTimesteps);
        }
        this.steps = trainTimesteps;
        this.schedule = schedule;
        double[] betas = schedule.betas(trainTimesteps);
        this.alphaBar = new double[trainTimesteps];
        double prod = 1;
        for (int i = 0; i < trainTimesteps; i++) {
            prod *= 1 - betas[i];
            alphaBar[i] = prod;
        }
    }

    public static DdpmScheduler cosine() {
        return new DdpmScheduler(DEFAULT_STEPS, BetaSchedule.COSINE);
    }

    public BetaSchedule schedule() {
        return schedule;
    }

    @Override
    public int trainTimesteps() {
        return steps;
    }

    @Override
    public double alphaBar(int t) {
        if (t < 0) {
            return 1.0;
        }
        if (t >= steps) {
            throw new IllegalArgumentException("timestep " + t + " is outside [0, " + steps + ")");
        }
        return alphaBar[t];
    }

    /** diffusers' "leading" spacing: k · (T / n) for k = n − 1 … 0. */
    @Override
    public int[] timesteps(int n) {
        if (n < 1 || n > steps) {
            throw new IllegalArgumentException("inference steps must be in [1, " + steps + "], got " + n);
        }
        int ratio = steps / n;
        int[] t = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = (n - 1 - k) * ratio;
        }
        return t;
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    public NDArray step(NDArray eps, int t, int prev, NDArray x, NDArray noise) {
        double abT = alphaBar(t);
        double abPrev = alphaBar(prev);
        double beta = 1 - abT / abPrev;
        NDArray x0 = x.sub(eps.mul((float) Math.sqrt(1 - abT))).div((float) Math.sqrt(abT));
        double c0 = Math.sqrt(abPrev) * beta / (1 - abT);
        double ct = Math.sqrt(1 - beta) * (1 - abPrev) / (1 - abT);
        NDArray mean = x0.mul((float) c0).add(x.mul((float) ct));
        if (prev < 0 || noise == null) {
            return mean;
        }
        double variance = Math.max((1 - abPrev) / (1 - abT) * beta, 1e-20);
        return mean.add(noise.mul((float) Math.sqrt(variance)));
    }
}
