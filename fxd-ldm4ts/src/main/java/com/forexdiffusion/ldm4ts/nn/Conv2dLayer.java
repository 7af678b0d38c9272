package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** A 2-D convolution with square kernel, stride and symmetric zero padding ({@code name.weight}, {@code name.bias}). */
public final class Conv2dLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;
    private static final Shape DILATION = new Shape(1, 1);
    private static final long MIN_OUT = 8;

    public Conv2dLayer(Params p, String name, int in, int out, int kernel, int stride, int padding) {
        this.weight = p.create(name + ".weight", new Shape(out, in, kernel, kernel), Params.Init.FAN_IN_UNIFORM);
        this.bias = p.createBias(name + ".bias", out, (long) in * kernel * kernel);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    public NDArray forward(NDArray x) {
        long out = weight.getShape().get(0);
        if (out >= MIN_OUT) {
            return Conv2d.conv2d(x, weight, bias, stride, padding, DILATION).singletonOrThrow();
        }
        // libtorch 2.7.1 on CPU leaves part of the input gradient uninitialised (NaN at random) for convolutions
        // with fewer than 8 output channels on large maps (found with 32 -> 3 at 64x64); zero-padding the kernel
        // to 8 outputs and slicing takes the correct path and leaves the result and the weight gradient unchanged.
        Shape ws = weight.getShape();
        NDArray w = NDArrays.concat(new NDList(weight, weight.getManager().zeros(
                new Shape(MIN_OUT - out, ws.get(1), ws.get(2), ws.get(3)))), 0);
        NDArray b = NDArrays.concat(new NDList(bias, bias.getManager().zeros(new Shape(MIN_OUT - out))), 0);
        return Conv2d.conv2d(x, w, b, stride, padding, DILATION).singletonOrThrow().get(":,0:" + out);
    }
}
