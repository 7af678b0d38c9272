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

    private LinearLayer(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * A layer that starts at zero output (weight and bias zero): a read-out whose block must begin by changing
     * nothing, as a residual correction does, while its weights still receive gradients.
     */
    public static LinearLayer zeros(Params p, String name, int in, int out) {
        return new LinearLayer(p.create(name + ".weight", new Shape(out, in), Params.Init.ZEROS),
                p.create(name + ".bias", new Shape(out), Params.Init.ZEROS));
    }

    public NDArray forward(NDArray x) {
        return bias == null ? Linear.linear(x, weight).singletonOrThrow()
                : Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
