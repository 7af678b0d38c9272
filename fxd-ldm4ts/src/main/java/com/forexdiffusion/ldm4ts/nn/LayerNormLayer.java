package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** Layer normalisation over the last axis ({@code name.weight}, {@code name.bias}). */
public final class LayerNormLayer {
    private final NDArray gamma;
    private final NDArray beta;
    private final Shape normalized;

    public LayerNormLayer(Params p, String name, int dim) {
        this.gamma = p.create(name + ".weight", new Shape(dim), Params.Init.ONES);
        this.beta = p.create(name + ".bias", new Shape(dim), Params.Init.ZEROS);
        this.normalized = new Shape(dim);
    }

    public NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, normalized, gamma, beta, 1e-5f).singletonOrThrow();
    }
}
