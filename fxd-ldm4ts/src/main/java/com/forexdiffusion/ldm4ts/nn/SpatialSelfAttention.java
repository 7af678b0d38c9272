package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The single-head self-attention of the VAE's mid block ({@code group_norm}, {@code to_q}, {@code to_k},
 * {@code to_v}, {@code to_out.0}), with a residual: pixels are the tokens, channels their width.
 */
public final class SpatialSelfAttention {
    private final GroupNorm norm;
    private final Attention attention;

    public SpatialSelfAttention(Params p, String prefix, int channels, int groups) {
        this.norm = new GroupNorm(p, Params.name(prefix, "group_norm"), groups, channels, 1e-6f);
        this.attention = new Attention(p, prefix, channels, channels, 1, channels, true);
    }

    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray t = norm.forward(x).reshape(b, c, h * w).transpose(0, 2, 1);
        NDArray y = attention.forward(t, null);
        return y.transpose(0, 2, 1).reshape(b, c, h, w).add(x);
    }
}
