package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * diffusers' {@code Transformer2DModel} (SD 1.x layout): GroupNorm, 1×1 {@code proj_in}, one
 * {@link TransformerBlock} over the H·W pixels as tokens, 1×1 {@code proj_out}, residual.
 */
public final class SpatialTransformer {
    private final GroupNorm norm;
    private final Conv2dLayer projIn;
    private final TransformerBlock block;
    private final Conv2dLayer projOut;

    public SpatialTransformer(Params p, String prefix, int channels, int heads, int contextDim, int groups) {
        this.norm = new GroupNorm(p, Params.name(prefix, "norm"), groups, channels, 1e-6f);
        this.projIn = new Conv2dLayer(p, Params.name(prefix, "proj_in"), channels, channels, 1, 1, 0);
        this.block = new TransformerBlock(p, Params.name(prefix, "transformer_blocks.0"), channels, heads, contextDim);
        this.projOut = new Conv2dLayer(p, Params.name(prefix, "proj_out"), channels, channels, 1, 1, 0);
    }

    public NDArray forward(NDArray x, NDArray context) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray t = projIn.forward(norm.forward(x)).reshape(b, c, h * w).transpose(0, 2, 1);
        t = block.forward(t, context);
        return projOut.forward(t.transpose(0, 2, 1).reshape(b, c, h, w)).add(x);
    }
}
