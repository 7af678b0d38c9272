package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** SiLU (swish with β = 1): x · σ(x). */
public final class Silu {
    private Silu() {
    }

    public static NDArray apply(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}
