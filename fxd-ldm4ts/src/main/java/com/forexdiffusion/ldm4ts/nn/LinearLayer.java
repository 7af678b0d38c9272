package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/** y = x Wᵀ + b over the last axis ({@code name.weight} [out, in], {@code name.bias} [out]). */
public final class LinearLayer {
    private final NDArray weight;
    private final NDArray bias;

    public LinearLayer(Params p, String name, int in, int out, boolean withBias) {
        this.weight = p.create(name + ".weight", new Shape(out, in), Params.Init.FAN_IN_UNIFORM);
        this.bias = withBias ? p.createBias(name + ".bias", out, in) : null;
    }

    public NDArray forward(NDArray x) {
        return bias == null ? Linear.linear(x, weight).singletonOrThrow()
                : Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
