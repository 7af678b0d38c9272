package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Halves H and W with a stride-2 3×3 convolution ({@code conv}). The VAE variant pads right and bottom by
 * one and convolves without padding, as diffusers' encoder does; the U-Net variant pads one on every side.
 */
public final class Downsample2D {
    private static final Shape RIGHT_BOTTOM = new Shape(0, 1, 0, 1);
    private final Conv2dLayer conv;
    private final boolean asymmetric;

    public Downsample2D(Params p, String prefix, int channels, boolean vaeStyle) {
        this.asymmetric = vaeStyle;
        this.conv = new Conv2dLayer(p, Params.name(prefix, "conv"), channels, channels, 3, 2, vaeStyle ? 0 : 1);
    }

    public NDArray forward(NDArray x) {
        return conv.forward(asymmetric ? x.pad(RIGHT_BOTTOM, 0) : x);
    }
}
