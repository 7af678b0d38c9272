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

    /**
     * Nearest-neighbour upsampling to a given size of at most twice the input (the skip connection's size when a
     * downsampling rounded up, as 7 → 4 → 7): doubling then cropping picks source row ⌊i · in / out⌋, as
     * PyTorch's nearest interpolation to that size does.
     */
    public NDArray forward(NDArray x, long height, long width) {
        NDArray up = x.repeat(2, 2).repeat(3, 2);
        if (up.getShape().get(2) != height || up.getShape().get(3) != width) {
            up = up.get(":, :, 0:" + height + ", 0:" + width);
        }
        return conv.forward(up);
    }
}
