package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** A 2-D convolution with square kernel, stride and symmetric zero padding ({@code name.weight}, {@code name.bias}). */
public final class Conv2dLayer {
    private static final Shape DILATION = new Shape(1, 1);
    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;

    public Conv2dLayer(Params p, String name, int in, int out, int kernel, int stride, int padding) {
        this.weight = p.create(name + ".weight", new Shape(out, in, kernel, kernel), Params.Init.FAN_IN_UNIFORM);
        this.bias = p.createBias(name + ".bias", out, (long) in * kernel * kernel);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    public NDArray forward(NDArray x) {
        return Conv2d.conv2d(x, weight, bias, stride, padding, DILATION).singletonOrThrow();
    }
}
