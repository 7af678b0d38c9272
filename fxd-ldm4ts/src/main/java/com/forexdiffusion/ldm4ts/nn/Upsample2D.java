package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;

/** Doubles H and W by nearest-neighbour repetition, then a 3×3 convolution ({@code conv}). */
public final class Upsample2D {
    private final Conv2dLayer conv;

    public Upsample2D(Params p, String prefix, int channels) {
        this.conv = new Conv2dLayer(p, Params.name(prefix, "conv"), channels, channels, 3, 1, 1);
    }

    public NDArray forward(NDArray x) {
        return conv.forward(x.repeat(2, 2).repeat(3, 2));
    }
}
