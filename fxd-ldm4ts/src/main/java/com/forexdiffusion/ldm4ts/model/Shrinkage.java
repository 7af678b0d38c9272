package com.forexdiffusion.ldm4ts.model;

import java.util.List;

/**
 * Shrinkage of the point forecast towards zero return, tuned on the validation split: an FX model whose mean
 * forecast carries less signal than noise scores a worse MSE than the random walk, and scaling its mean by the
 * validation split's least-squares factor s ∈ [0, 1] (s = Σ m·y / Σ m², clipped) can only bring it closer. Each
 * window's samples move together by −(1 − s) times their mean, so the spread of the predictive distribution stays.
 */
public final class Shrinkage {
    private final int horizons;
    private final double[] my;
    private final double[] mm;

    public Shrinkage(int horizons) {
        this.horizons = horizons;
        this.my = new double[horizons];
        this.mm = new double[horizons];
    }

    /** Adds one validation window: its sample mean and its outcome at horizon k, in the same (scaled) units. */
    public void add(int k, double mean, double outcome) {
        my[k] += mean * outcome;
        mm[k] += mean * mean;
    }

    /** The fitted factor per horizon; 1 where nothing was seen. */
    public List<Double> factors() {
        Double[] s = new Double[horizons];
        for (int k = 0; k < horizons; k++) {
            s[k] = mm[k] > 0 ? Math.max(0, Math.min(1, my[k] / mm[k])) : 1.0;
        }
        return List.of(s);
    }

    /** Moves every window's samples [window][sample][horizon] in place so that their mean is s times what it was. */
    public static void apply(float[][][] samples, List<Double> factors) {
        if (factors == null) {
            return;
        }
        for (float[][] window : samples) {
            for (int k = 0; k < factors.size(); k++) {
                double mean = 0;
                for (float[] draw : window) {
                    mean += draw[k];
                }
                mean /= window.length;
                float shift = (float) ((1 - factors.get(k)) * mean);
                for (float[] draw : window) {
                    draw[k] -= shift;
                }
            }
        }
    }
}
