package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;

/** The fusion's explicit pathway: a deterministic forecast of every horizon from the normalised lookback. */
public interface ExplicitPathway {
    /** @param lookback [B, L] normalised lookback; returns [B, horizons] */
    NDArray forward(NDArray lookback);

    /** The parameter names of a linear pathway's weight [H, L] and bias [H], or null when it is not linear. */
    default String linearWeightName() {
        return null;
    }
}
