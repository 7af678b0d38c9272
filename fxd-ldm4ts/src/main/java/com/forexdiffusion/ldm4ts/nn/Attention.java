package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head scaled dot-product attention as diffusers' {@code Attention}: {@code to_q}, {@code to_k},
 * {@code to_v} and the output projection {@code to_out.0}. Self-attention when no context is given,
 * cross-attention over a context token sequence otherwise.
 */
public final class Attention {
    private final int heads;
    private final int dimHead;
    private final LinearLayer toQ;
    private final LinearLayer toK;
    private final LinearLayer toV;
    private final LinearLayer toOut;

    /**
     * @param queryDim   width of the query tokens
     * @param contextDim width of the context tokens (= queryDim for self-attention)
     * @param qkvBias    diffusers' VAE uses biases on q, k, v; its U-Net does not
     */
    public Attention(Params p, String prefix, int queryDim, int contextDim, int heads, int dimHead,
                     boolean qkvBias) {
        this.heads = heads;
        this.dimHead = dimHead;
        int inner = heads * dimHead;
        this.toQ = new LinearLayer(p, Params.name(prefix, "to_q"), queryDim, inner, qkvBias);
        this.toK = new LinearLayer(p, Params.name(prefix, "to_k"), contextDim, inner, qkvBias);
        this.toV = new LinearLayer(p, Params.name(prefix, "to_v"), contextDim, inner, qkvBias);
        this.toOut = new LinearLayer(p, Params.name(prefix, "to_out.0"), inner, queryDim, true);
    }

    /** x [B, Nq, queryDim], context [B, Nk, contextDim] or null → [B, Nq, queryDim]. */
    public NDArray forward(NDArray x, NDArray context) {
        NDArray ctx = context == null ? x : context;
        NDArray q = toQ.forward(x);
        NDArray k = toK.forward(ctx);
        NDArray v = toV.forward(ctx);
        return toOut.forward(attend(q, k, v, heads, dimHead));
    }

    /**
     * softmax(q kᵀ / √d) v per head. q [B, Nq, h·d], k and v [B, Nk, h·d] → [B, Nq, h·d].
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, int dimHead) {
        return attend(q, k, v, heads, dimHead, null);
    }

    /** As {@link #attend(NDArray, NDArray, NDArray, int, int)} with an additive mask [Nq, Nk] (−∞ hides a key). */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, int dimHead, NDArray mask) {
        long b = q.getShape().get(0);
        long nq = q.getShape().get(1);
        long nk = k.getShape().get(1);
        NDArray qh = splitHeads(q, b, nq, heads, dimHead);
        NDArray kh = splitHeads(k, b, nk, heads, dimHead);
        NDArray vh = splitHeads(v, b, nk, heads, dimHead);
        NDArray scores = qh.batchMatMul(kh.transpose(0, 2, 1)).mul((float) (1.0 / Math.sqrt(dimHead)));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray out = scores.softmax(-1).batchMatMul(vh);
        return out.reshape(b, heads, nq, dimHead).transpose(0, 2, 1, 3).reshape(b, nq, (long) heads * dimHead);
    }

    private static NDArray splitHeads(NDArray x, long b, long n, int heads, int dimHead) {
        return x.reshape(b, n, heads, dimHead).transpose(0, 2, 1, 3).reshape(new Shape(b * heads, n, dimHead));
    }
}
