package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;

/**
 * diffusers' {@code BasicTransformerBlock}: pre-norm self-attention ({@code attn1}), cross-attention on the
 * conditioning tokens ({@code attn2}) and a GEGLU feed-forward ({@code ff}), each with a residual.
 */
public final class TransformerBlock {
    private final LayerNormLayer norm1;
    private final Attention attn1;
    private final LayerNormLayer norm2;
    private final Attention attn2;
    private final LayerNormLayer norm3;
    private final FeedForward ff;

    /** contextDim ≤ 0 leaves out the cross-attention (a plain self-attention transformer layer). */
    public TransformerBlock(Params p, String prefix, int dim, int heads, int contextDim) {
        int dimHead = dim / heads;
        this.norm1 = new LayerNormLayer(p, Params.name(prefix, "norm1"), dim);
        this.attn1 = new Attention(p, Params.name(prefix, "attn1"), dim, dim, heads, dimHead, false);
        if (contextDim > 0) {
            this.norm2 = new LayerNormLayer(p, Params.name(prefix, "norm2"), dim);
            this.attn2 = new Attention(p, Params.name(prefix, "attn2"), dim, contextDim, heads, dimHead, false);
        } else {
            this.norm2 = null;
            this.attn2 = null;
        }
        this.norm3 = new LayerNormLayer(p, Params.name(prefix, "norm3"), dim);
        this.ff = new FeedForward(p, Params.name(prefix, "ff"), dim, 4);
    }

    /** x [B, N, dim], context [B, M, contextDim] (ignored without cross-attention). */
    public NDArray forward(NDArray x, NDArray context) {
        NDArray h = x.add(attn1.forward(norm1.forward(x), null));
        if (attn2 != null) {
            h = h.add(attn2.forward(norm2.forward(h), context));
        }
        return h.add(ff.forward(norm3.forward(h)));
    }
}
