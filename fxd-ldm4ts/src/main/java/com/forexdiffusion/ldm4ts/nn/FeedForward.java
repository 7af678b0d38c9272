package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** diffusers' GEGLU feed-forward: {@code net.0.proj} to 2 × inner, x · GELU(gate), {@code net.2} back. */
public final class FeedForward {
    private final LinearLayer proj;
    private final LinearLayer out;
    private final int inner;

    public FeedForward(Params p, String prefix, int dim, int mult) {
        this.inner = dim * mult;
        this.proj = new LinearLayer(p, Params.name(prefix, "net.0.proj"), dim, 2 * inner, true);
        this.out = new LinearLayer(p, Params.name(prefix, "net.2"), inner, dim, true);
    }

    public NDArray forward(NDArray x) {
        NDArray h = proj.forward(x);
        int last = h.getShape().dimension() - 1;
        NDArray value = h.get(sliceLast(last, 0, inner));
        NDArray gate = h.get(sliceLast(last, inner, 2L * inner));
        return out.forward(value.mul(Activation.gelu(gate)));
    }

    private static String sliceLast(int axis, long from, long to) {
        return ":,".repeat(axis) + from + ":" + to;
    }
}
