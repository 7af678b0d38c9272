package com.forexdiffusion.ldm4ts.scheduler;

import ai.djl.ndarray.NDArray;

/**
 * DDIM (Song et al.) on a DDPM-trained ᾱ table: any number of steps; η = 0 is deterministic given the start
 * noise, η = 1 matches DDPM's variance.
 * x_prev = √ᾱ_prev · x̂0 + √(1 − ᾱ_prev − σ²) · ε̂ + σ z,
 * σ = η √((1 − ᾱ_prev)/(1 − ᾱ_t)) √(1 − ᾱ_t/ᾱ_prev); ᾱ_prev = 1 after the last step.
 */
public final class DdimScheduler extends DdpmScheduler {
    private final double eta;

    public DdimScheduler(int trainTimesteps, BetaSchedule schedule, double eta) {
        super(trainTimesteps, schedule);
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DDIM eta must be in [0, 1], got " + eta);
        }
        this.eta = eta;
    }

    public double eta() {
        return eta;
    }

    @Override
    public boolean stochastic() {
        return eta > 0;
    }

    @Override
    public NDArray step(NDArray eps, int t, int prev, NDArray x, NDArray noise) {
        double abT = alphaBar(t);
        double abPrev = alphaBar(prev);
        NDArray x0 = x.sub(eps.mul((float) Math.sqrt(1 - abT))).div((float) Math.sqrt(abT));
        double sigma = eta * Math.sqrt((1 - abPrev) / (1 - abT)) * Math.sqrt(1 - abT / abPrev);
        NDArray out = x0.mul((float) Math.sqrt(abPrev)).add(eps.mul((float) Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma))));
        if (sigma > 0 && noise != null) {
            out = out.add(noise.mul((float) sigma));
        }
        return out;
    }
}
