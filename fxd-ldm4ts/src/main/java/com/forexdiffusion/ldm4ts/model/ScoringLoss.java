package com.forexdiffusion.ldm4ts.model;

import ai.djl.ndarray.NDArray;

/** Proper scoring rules on tensors of samples, differentiable in the samples. */
public final class ScoringLoss {
    private ScoringLoss() {
    }

    /**
     * The fair (unbiased) sample CRPS per window and horizon,
     * (1/m)·Σᵢ|xᵢ − y| − 1/(2m(m−1))·Σ_{i≠j}|xᵢ − xⱼ|; with one sample it is |x − y|.
     *
     * @param samples [B, m, H]
     * @param target  [B, H]
     * @return [B, H]
     */
    public static NDArray fairCrps(NDArray samples, NDArray target) {
        long m = samples.getShape().get(1);
        NDArray skill = samples.sub(target.expandDims(1)).abs().mean(new int[] {1});
        if (m < 2) {
            return skill;
        }
        NDArray pairs = samples.expandDims(2).sub(samples.expandDims(1)).abs().sum(new int[] {1, 2});
        return skill.sub(pairs.div((float) (2.0 * m * (m - 1))));
    }
}
